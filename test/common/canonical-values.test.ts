import { canonicalIpv6 } from '../../nodes/common/values';
import { canonicalIocValue, normaliseIocValue } from '../../nodes/CrowdStrike/shared/schemas';

describe('IOC values in the form Falcon stores them', () => {
	it.each([
		['2001:DB8::ABCD', '2001:db8::abcd'],
		['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
		['0:0:0:0:0:0:0:1', '::1'],
		['1:0:0:0:0:0:0:0', '1::'],
		['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
		['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
		['fe80::0:0:1', 'fe80::1'],
		['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
		['2001:db8:1:2:3:4:5:6', '2001:db8:1:2:3:4:5:6'],
	])('IPv6 %s → %s (RFC 5952)', (raw, canonical) => {
		expect(canonicalIpv6(raw)).toBe(canonical);
		expect(normaliseIocValue('ipv6', raw)).toEqual({ value: canonical });
	});

	it('lower-cases domains and drops the trailing dot, lower-cases hashes, keeps IPv4', () => {
		expect(normaliseIocValue('domain', 'Trailing-Dot.Example.')).toEqual({ value: 'trailing-dot.example' });
		expect(canonicalIocValue('sha256', 'AB'.repeat(32))).toBe('ab'.repeat(32));
		expect(canonicalIocValue('ipv4', '192.0.2.1')).toBe('192.0.2.1');
	});

	it('refuses what is not an address', () => {
		expect(canonicalIpv6('2001:db8::g')).toBeUndefined();
		expect(normaliseIocValue('ipv6', '1::2::3')).toHaveProperty('problem');
	});
});
