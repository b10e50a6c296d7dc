// Logical operators and the conditional: short-circuit with error absorption in either order
// (spec §4), non-bool operands through dyn, and chains that mix record flags with other terms.
import { expectAll } from './support';

// `request.headers["x"]` errors on a record without that header: the standard error source.
const MISSING = 'request.headers["x-missing"] == "v"';

describe('kfl/eval logic', () => {
  it('&& is decided by false on either side, even against an error', () => {
    expectAll([
      [`false && ${MISSING}`, false],
      [`${MISSING} && false`, false],
      [`true && ${MISSING}`, 'error'],
      [`${MISSING} && true`, 'error'],
      [`${MISSING} && ${MISSING}`, 'error'],
      ['true && true', true],
      ['1 / 0 == 1 && false', false],
      ['false && 1 / 0 == 1', false],
    ]);
  });

  it('|| is decided by true on either side, even against an error', () => {
    expectAll([
      [`true || ${MISSING}`, true],
      [`${MISSING} || true`, true],
      [`false || ${MISSING}`, 'error'],
      [`${MISSING} || false`, 'error'],
      ['false || false', false],
    ]);
  });

  it('long chains keep the rules wherever the deciding operand sits', () => {
    expectAll([
      [`${MISSING} && true && true && false`, false],
      [`true && ${MISSING} && true && true`, 'error'],
      [`false || false || ${MISSING} || true`, true],
      [`false || false || false || ${MISSING}`, 'error'],
      ['http && dns && grpc && tls', false],
      ['http || dns || grpc || tls', true],
    ], { http: true, tls: false });
  });

  it('record flags in a chain read missing as false and still absorb errors', () => {
    expectAll([
      [`http && ${MISSING}`, 'error'],
      [`dns && ${MISSING}`, false],
      [`${MISSING} && dns`, false],
      [`dns || ${MISSING}`, 'error'],
      [`http || ${MISSING}`, true],
      ['http && status_code >= 500', true],
      ['dns || status_code >= 500', true],
      ['!dns && http', true],
    ], { http: true, status_code: 503 });
  });

  it('a non-bool operand through dyn is an error, unless the other side decides', () => {
    expectAll([
      ['dyn(1) == dyn(1) && dyn(true)', true],
      ['true && dyn("yes") == "yes"', true],
      ['false && dyn(1) == 1', false],
      ['dyn(1) == 2 || dyn(true)', true],
    ]);
  });

  it('! negates and passes errors on', () => {
    expectAll([
      ['!false', true],
      ['!!true', true],
      [`!(${MISSING})`, 'error'],
      [`!(${MISSING}) || true`, true],
    ]);
  });

  it('the conditional evaluates only the chosen branch', () => {
    expectAll([
      ['http ? status_code >= 500 : (dns && status_code != 0)', true],
      [`true ? true : ${MISSING}`, true],
      [`false ? ${MISSING} : true`, true],
      [`(${MISSING}) ? true : false`, 'error'],
      ['(1 / 0 > 0 ? 1 : 2) == 2', 'error'],
      ['(false ? 1 : 2) == 2', true],
    ], { http: true, status_code: 502 });
  });
});
