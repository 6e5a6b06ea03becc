/**
 * Fixed, deterministic seed values shared by the Falcon services: the malicious indicators
 * the demo data knows about (Quick Scan can flag these hashes as malware), the demo host
 * groups, and the sandbox's default API client.
 */
import { createHash } from 'node:crypto';
import { hashHex } from '../core/prng';

/** SHA-256 of the standard 68-byte EICAR anti-malware test file. */
export const EICAR_SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
/** MD5 of the standard 68-byte EICAR anti-malware test file. */
export const EICAR_MD5 = '44d88612fea8a8f36de82e1278abb02f';

/** SHA-256 hashes the sandbox treats as known malware (EICAR first, then synthetic ones). */
export const MALICIOUS_SHA256: readonly string[] = Object.freeze([
	EICAR_SHA256,
	...Array.from({ length: 15 }, (_, i) => hashHex(`sandbox:malicious:sha256:${i}`, 64)),
]);

/** MD5 hashes the sandbox treats as known malware. */
export const MALICIOUS_MD5: readonly string[] = Object.freeze([
	EICAR_MD5,
	...Array.from({ length: 7 }, (_, i) => hashHex(`sandbox:malicious:md5:${i}`, 32)),
]);

/** Malicious domains (reserved .example / .test names: never real hosts). */
export const MALICIOUS_DOMAINS: readonly string[] = Object.freeze([
	'evil-updates.example',
	'login-micr0soft.example',
	'cdn-payload.test',
	'c2.darkrelay.example',
	'invoice-portal.test',
	'telemetry-sync.example',
	'stage2.loader.test',
	'paypa1-secure.example',
	'mail-verify.test',
	'files-share-now.example',
]);

/** Malicious IPv4 addresses (documentation ranges RFC 5737). */
export const MALICIOUS_IPV4: readonly string[] = Object.freeze([
	'192.0.2.10',
	'192.0.2.66',
	'198.51.100.23',
	'198.51.100.200',
	'203.0.113.5',
	'203.0.113.77',
	'203.0.113.254',
	'192.0.2.199',
]);

/** Malicious IPv6 addresses (documentation range 2001:db8::/32). */
export const MALICIOUS_IPV6: readonly string[] = Object.freeze([
	'2001:db8::bad:1',
	'2001:db8:dead:beef::1',
	'2001:db8:c2::10',
	'2001:db8:abcd::66',
]);

const MALICIOUS_SET = new Set<string>([
	...MALICIOUS_SHA256.map((v) => `sha256:${v}`),
	...MALICIOUS_MD5.map((v) => `md5:${v}`),
	...MALICIOUS_DOMAINS.map((v) => `domain:${v}`),
	...MALICIOUS_IPV4.map((v) => `ipv4:${v}`),
	...MALICIOUS_IPV6.map((v) => `ipv6:${v}`),
]);

/** Whether the sandbox treats this indicator as known-bad (values compared lower-case). */
export function isKnownMalicious(type: string, value: string): boolean {
	return MALICIOUS_SET.has(`${type.toLowerCase()}:${value.toLowerCase()}`);
}

export function isKnownMaliciousSha256(sha256: string): boolean {
	return MALICIOUS_SET.has(`sha256:${sha256.toLowerCase()}`);
}

/** Host group ids (32 hex) the demo indicators are scoped to. */
export const DEMO_HOST_GROUPS: readonly { id: string; name: string }[] = Object.freeze([
	{ id: hashHex('sandbox:host-group:servers', 32), name: 'Servers' },
	{ id: hashHex('sandbox:host-group:workstations', 32), name: 'Workstations' },
	{ id: hashHex('sandbox:host-group:finance', 32), name: 'Finance' },
]);

/** The default Falcon API client the sandbox accepts (fixed so docs and scripts can quote it). */
export const DEFAULT_FALCON_CLIENT_ID = hashHex('sandbox:falcon:client-id', 32);
export const DEFAULT_FALCON_CLIENT_SECRET = Buffer.from(hashHex('sandbox:falcon:client-secret', 64), 'hex')
	.toString('base64')
	.replace(/[^A-Za-z0-9]/g, '')
	.slice(0, 40);

/** The emulated customer id and its MSSP children. */
export const DEFAULT_CID = hashHex('sandbox:cid', 32).toUpperCase();
export const DEFAULT_MEMBER_CIDS: readonly string[] = Object.freeze([
	hashHex('sandbox:member-cid:1', 32).toUpperCase(),
	hashHex('sandbox:member-cid:2', 32).toUpperCase(),
]);

/** Fixed instant the seed data is dated from (so seeded records are identical run after run). */
export const SEED_EPOCH_MS = Date.UTC(2025, 0, 6, 9, 0, 0);

/**
 * The 68-byte EICAR anti-malware test string (its SHA-256 is EICAR_SHA256). Built from two halves
 * so that antivirus software does not flag this source file; content containing it is malware to
 * the sandbox's Quick Scan.
 */
export const EICAR_TEST_STRING = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$' + 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

const EICAR = Buffer.from(EICAR_TEST_STRING, 'latin1');

/**
 * What the sandbox's scanners (Quick Scan, Quick Scan Pro) judge malicious: a file whose SHA-256 is
 * on the seeded malicious list (EICAR's among them), or whose content holds the EICAR test string.
 */
export function isMaliciousFile(sha256: string, content: Buffer | undefined): boolean {
	return isKnownMaliciousSha256(sha256) || (content !== undefined && content.includes(EICAR));
}

function sha256Hex(data: Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** A file an alert carries, as the demo workflow receives it: its name, content and SHA-256. */
export interface DemoAlertFile {
	file_name: string;
	content: Buffer;
	sha256: string;
	/** What the sandbox's Quick Scan answers for it. */
	verdict: 'malware' | 'clean';
}

const demoMalware = Buffer.from(`${EICAR_TEST_STRING}\r\nInvoice 0421 - sandbox demo payload\r\n`, 'latin1');
const demoBenign = Buffer.from('Quarterly report Q3: revenue up 4%, churn down 1%. Sandbox demo document, harmless.\n', 'utf8');

/**
 * Two files quarantined across the demo fleet (see sandbox/falcon/quarantine/seed.ts) that no
 * custom indicator names yet: one malware (it contains the EICAR string), one false positive.
 */
export const DEMO_ALERT_FILES: readonly DemoAlertFile[] = Object.freeze([
	{ file_name: 'invoice_0421.exe', content: demoMalware, sha256: sha256Hex(demoMalware), verdict: 'malware' as const },
	{ file_name: 'quarterly_report_q3.txt', content: demoBenign, sha256: sha256Hex(demoBenign), verdict: 'clean' as const },
]);
