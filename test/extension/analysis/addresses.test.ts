import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { AddressClassifier, parseCidr, parseIp } from '../../../extension/analysis/addresses';

describe('analysis addresses', () => {
  const classifier = new AddressClassifier(['172.20.0.0/16', '2001:db8:42::/48', 'not-a-cidr', '10.0.0.0/33'], ['203.0.113.7']);

  it('classes internal ranges, cluster CIDRs and workload addresses; everything else is external', () => {
    const cases: [string, string][] = [
      ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['172.32.0.1', 'external'], ['192.168.1.1', 'private'],
      ['100.64.0.1', 'shared'], ['100.127.255.255', 'shared'], ['100.128.0.1', 'external'], ['169.254.169.254', 'link-local'], ['127.0.0.1', 'loopback'],
      ['::1', 'loopback'], ['fe80::1', 'link-local'], ['fd00::abcd', 'unique-local'], ['224.0.0.251', 'multicast'], ['ff02::fb', 'multicast'],
      ['0.0.0.0', 'unspecified'], ['::', 'unspecified'], ['::ffff:10.0.0.1', 'private'], ['::ffff:142.250.74.36', 'external'],
      ['203.0.113.7', 'workload'], ['2001:db8:42::5', 'cluster'], ['142.250.74.36', 'external'], ['2607:f8b0:4004:c07::6a', 'external'],
    ];
    for (const [ip, expected] of cases) assert.equal(classifier.classOf(ip), expected, ip);
    assert.equal(classifier.isExternal('8.8.8.8'), true);
    assert.deepEqual(classifier.invalidCidrs, ['not-a-cidr', '10.0.0.0/33']);
  });

  it('never calls hostile or malformed text an address (and agrees with node:net on what is one)', () => {
    const texts = ['', ' ', '256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4x', '1::2::3', ':::', 'gggg::1', '1:2:3:4:5:6:7:8:9', '<script>', '__proto__',
      'a'.repeat(10_000), '1.2.3.4/24', '::ffff:999.1.1.1', '1:2:3:4:5:6:7::', '::1.2.3.4', '1.2.3.4', '2001:db8::1', 'fe80::1%eth0'];
    for (const text of texts) {
      assert.equal(parseIp(text) !== undefined, isIP(text) !== 0, JSON.stringify(text.slice(0, 30)));
      if (isIP(text) === 0) assert.equal(classifier.classOf(text), 'invalid');
    }
  });

  it('parses CIDRs with their prefix bounds', () => {
    assert.equal(parseCidr('10.0.0.0/8')?.prefix, 8);
    assert.equal(parseCidr('10.0.0.1')?.prefix, 32);
    assert.equal(parseCidr('::/0')?.prefix, 0);
    assert.equal(parseCidr('10.0.0.0/x'), undefined);
    assert.equal(parseCidr('fd00::/129'), undefined);
  });
});
