/**
 * Synthetic captures for the webview tests and benchmark: many HTTP calls over keep-alive
 * connections (100,000 in a second or two), and a hostile capture whose paths, headers, cookies,
 * bodies, host names, DNS names and pod names carry markup, script URLs and invisible characters.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { TrafficCapture } from './trafficCapture';

const STATUSES = [200, 200, 200, 201, 200, 404, 200, 500, 302, 200];
const METHODS = ['GET', 'GET', 'POST', 'GET', 'PUT', 'GET', 'DELETE'];
/** Exchanges per connection: keep-alive keeps the capture small (two packets per call). */
const PER_CONNECTION = 100;

/** Writes `count` HTTP calls into `file`, in time order; call i has path /api/v1/items/<i>. */
export function writeManyCalls(file: string, count: number): void {
  const capture = new TrafficCapture();
  for (let start = 0; start < count; start += PER_CONNECTION) {
    const n = Math.min(PER_CONNECTION, count - start);
    const c = start / PER_CONNECTION;
    const client = { ip: `10.1.${(c >> 8) & 0xff}.${(c & 0xff) || 1}`, port: 20000 + (c % 40000) };
    const server = { ip: `10.2.0.${1 + (c % 20)}`, port: 8080 };
    capture.http(client, server, Array.from({ length: n }, (_, k) => {
      const i = start + k;
      const status = STATUSES[i % STATUSES.length]!;
      const body = `{"item":${i}}`;
      return {
        request: `${METHODS[i % METHODS.length]} /api/v1/items/${i} HTTP/1.1\r\nHost: items.prod:8080\r\nUser-Agent: synth/1\r\n\r\n`,
        response: `HTTP/1.1 ${status} X\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        latencyUs: 200 + ((i * 7919) % 5000),
      };
    }));
  }
  capture.write(file);
}

/** Each payload, when it runs anywhere, sets `window.__pwned` in the frame it runs in (or asks for a URL with "pwned" in it). */
export const HOSTILE = {
  script: "<script>window.__pwned='script'</script>",
  img: "<img src=x onerror=\"window.__pwned='img'\">",
  jsUrl: "javascript:window.__pwned='js-url'",
  svg: "\"><svg onload=\"window.__pwned='svg'\">",
  iframe: '<iframe src="http://127.0.0.1:9/pwned-iframe"></iframe>',
  style: '<link rel=stylesheet href=http://127.0.0.1:9/pwned.css>',
  /** Right-to-left override: shows as "admin" + "exe.gnp" reversed. */
  rtl: 'invoice\u202Egnp.exe',
  /** A zero-width space and joiner inside a name. */
  zeroWidth: 'pay\u200Bment\u200D-service',
} as const;

/** Path payloads: no spaces (the request line would break), same effect. */
const PATHS = [
  "/api/<script>window.__pwned='path'</script>",
  "/x\"><svg/onload=window.__pwned='svg-path'>",
  "/a<img/src=x/onerror=window.__pwned='img-path'>",
  `/files/${HOSTILE.rtl}`,
  `/${HOSTILE.zeroWidth}/charge`,
];

/**
 * Writes the hostile capture and its workloads.json into `folder` (as `hostile.pcap`); returns
 * the capture's path. Every call carries hostile strings somewhere a view shows them.
 */
export function writeHostileCapture(folder: string): string {
  const capture = new TrafficCapture();
  const server = { ip: '10.9.0.2', port: 8080 };
  PATHS.forEach((p, i) => {
    // Written as text: an object literal's __proto__ would set the prototype instead of a key.
    const body = `{${JSON.stringify(HOSTILE.img)}:${JSON.stringify(HOSTILE.jsUrl)},"__proto__":{"polluted":${JSON.stringify(HOSTILE.script)}},"note":${JSON.stringify(HOSTILE.rtl)},"zw":${JSON.stringify(HOSTILE.zeroWidth)}}`;
    const html = `<html><body>${HOSTILE.script}${HOSTILE.iframe}${HOSTILE.style}<a href="${HOSTILE.jsUrl}">click</a></body></html>`;
    capture.http({ ip: '10.9.0.1', port: 40000 + i }, server, [{
      request: [
        `POST ${p}?q=${encodeURIComponent(HOSTILE.svg)}&next=javascript:alert(1) HTTP/1.1`,
        `Host: ${HOSTILE.svg.replace(/ /g, '')}.prod`,
        `X-Evil: ${HOSTILE.img}`,
        `Referer: ${HOSTILE.jsUrl}`,
        `User-Agent: ${HOSTILE.script}`,
        `X-Rtl: ${HOSTILE.rtl}`,
        `X-Zero${'\u200B'}Width: ${HOSTILE.zeroWidth}`,
        `Cookie: session=${HOSTILE.script}; rtl=${HOSTILE.rtl}`,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        '', body,
      ].join('\r\n'),
      response: [
        'HTTP/1.1 500 <script>window.__pwned=1</script>',
        'Content-Type: text/html',
        `Set-Cookie: token=${HOSTILE.img}; Path=/`,
        `Location: ${HOSTILE.jsUrl}`,
        `Content-Length: ${Buffer.byteLength(html)}`,
        '', html,
      ].join('\r\n'),
      latencyUs: 1500 + i * 100,
    }]);
  });
  const label = (s: string): Buffer => Buffer.from(s.slice(0, 63), 'utf8');
  capture.dns({ ip: '10.9.0.1', port: 53001 }, { ip: '10.9.0.53', port: 53 }, 7, [label("<img src=x onerror=window.__pwned='dns'>"), label('evil'), label('com')], '10.9.9.9');
  capture.dns({ ip: '10.9.0.1', port: 53002 }, { ip: '10.9.0.53', port: 53 }, 8, [label(HOSTILE.rtl), label(HOSTILE.zeroWidth), label('local')], 3);
  const file = path.join(folder, 'hostile.pcap');
  capture.write(file);
  const since = Date.UTC(2026, 0, 1);
  writeFileSync(path.join(folder, 'workloads.json'), `${JSON.stringify({
    workloads: [
      { name: HOSTILE.svg, namespace: HOSTILE.rtl, kind: 'pod', labels: {}, ips: [{ ip: '10.9.0.1', timestamp: since }] },
      { name: HOSTILE.zeroWidth, namespace: '<b>prod</b>', kind: 'pod', labels: {}, ips: [{ ip: '10.9.0.2', timestamp: since }] },
    ],
    total: 2,
  }, null, 2)}\n`);
  return file;
}
