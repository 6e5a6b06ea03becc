/**
 * Deterministic seed data for IOC Management: the demo set (about 40 indicators across types,
 * actions, tags and sources, a few expired, two from the MSSP parent) and synthetic bulk data.
 */
import { hashHex, Prng } from '../../core/prng';
import {
	DEFAULT_FALCON_CLIENT_ID,
	DEMO_HOST_GROUPS,
	MALICIOUS_DOMAINS,
	MALICIOUS_IPV4,
	MALICIOUS_IPV6,
	MALICIOUS_MD5,
	MALICIOUS_SHA256,
	SEED_EPOCH_MS,
} from '../seed-data';
import type { IocAction, IocType } from './model';
import type { IocStore } from './store';
import { hashMetadata } from './store';
import type { IndicatorFields } from './validation';

const DAY = 86_400_000;

export const DEMO_TAGS = ['ransomware', 'phishing', 'apt29', 'commodity', 'c2', 'watchlist', 'emotet', 'infostealer'];
export const DEMO_SOURCES = ['Threat Intel Feed', 'MISP', 'Manual', 'VirusTotal', 'Cytomic Orion', 'ISAC sharing'];
const ANALYSTS = ['analyst@example.com', 'soc-lead@example.com', DEFAULT_FALCON_CLIENT_ID];
const FILENAMES = ['invoice_0421.exe', 'setup_update.exe', 'svchost32.exe', 'readme.scr', 'payload.dll', 'loader.bin', 'report.docm', 'mimikatz.exe', 'agent_x64.exe', 'patch.msi', 'chrome_update.exe', 'keygen.exe'];
const HASH_ACTIONS: IocAction[] = ['prevent', 'detect', 'prevent_no_ui', 'detect', 'prevent', 'allow', 'no_action', 'detect'];
const NET_ACTIONS: IocAction[] = ['detect', 'detect', 'no_action'];
const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'];

/** The demo indicators (~40). Four have an expiration in the past; two come from the MSSP parent. */
export function seedDemoIndicators(store: IocStore, randomSeed: number | string): void {
	const rng = new Prng(`iocs:demo:${randomSeed}`);
	const items: Array<{ type: IocType; value: string }> = [
		...MALICIOUS_SHA256.slice(0, 12).map((value) => ({ type: 'sha256' as const, value })),
		...MALICIOUS_MD5.slice(0, 6).map((value) => ({ type: 'md5' as const, value })),
		...MALICIOUS_DOMAINS.map((value) => ({ type: 'domain' as const, value })),
		...MALICIOUS_IPV4.map((value) => ({ type: 'ipv4' as const, value })),
		...MALICIOUS_IPV6.map((value) => ({ type: 'ipv6' as const, value })),
	];
	items.forEach((item, i) => {
		const isHash = item.type === 'sha256' || item.type === 'md5';
		const action = isHash ? HASH_ACTIONS[i % HASH_ACTIONS.length] : NET_ACTIONS[i % NET_ACTIONS.length];
		const needsSeverity = action === 'prevent' || action === 'detect';
		const severity = needsSeverity || rng.chance(0.3) ? SEVERITIES[1 + rng.int(0, 3)] : '';
		const global = i % 4 !== 3;
		const createdMs = SEED_EPOCH_MS - (items.length - i) * DAY - rng.int(0, 23) * 3_600_000;
		// Four expired ones (past expirations), a dozen with future ones, the rest without.
		let expiration: string | undefined;
		if (i % 10 === 7) expiration = new Date(SEED_EPOCH_MS + (30 + i) * DAY).toISOString().slice(0, 10);
		else if (i % 3 === 0) expiration = `${2031 + (i % 4)}-0${1 + (i % 9)}-15T00:00:00Z`;
		const expirationMs = expiration ? Date.parse(expiration.length === 10 ? `${expiration}T00:00:00Z` : expiration) : null;
		const filename = item.type === 'sha256' ? FILENAMES[i % FILENAMES.length] : undefined;
		const fields: IndicatorFields = {
			type: item.type,
			value: item.value,
			action,
			mobile_action: undefined,
			severity,
			platforms: item.type === 'sha256' && i % 5 === 0 ? ['windows'] : i % 3 === 1 ? ['windows', 'mac'] : ['windows', 'mac', 'linux'],
			applied_globally: global,
			host_groups: global ? [] : [DEMO_HOST_GROUPS[i % DEMO_HOST_GROUPS.length].id],
			expiration: expiration && (expiration.length === 10 ? `${expiration}T00:00:00Z` : expiration),
			expirationMs,
			source: DEMO_SOURCES[i % DEMO_SOURCES.length],
			description: `Demo ${item.type} indicator #${i + 1}`,
			tags: rng.sample(DEMO_TAGS, 1 + (i % 3)),
			metadata: {},
		};
		const fromParent = i === 5 || i === 22;
		const by = fromParent ? 'mssp-parent@example.com' : ANALYSTS[i % ANALYSTS.length];
		store.insert(fields, {
			by,
			createdMs,
			modifiedMs: createdMs + rng.int(0, 5) * DAY,
			fromParent,
			metadata: hashMetadata(item.type, item.value, filename),
		});
	});
}

const SYNTH_TYPES: IocType[] = ['sha256', 'sha256', 'sha256', 'sha256', 'sha256', 'sha256', 'sha256', 'sha256', 'md5', 'md5', 'domain', 'domain', 'domain', 'domain', 'domain', 'ipv4', 'ipv4', 'ipv4', 'ipv4', 'ipv6'];
const TLDS = ['example', 'test', 'invalid'];

/** `count` synthetic indicators, unique values, deterministic per store (fast path, no validation). */
export function seedSyntheticIndicators(store: IocStore, count: number): string[] {
	const ids: string[] = [];
	const rng = new Prng(`iocs:synthetic:${store.syntheticCount}`);
	const baseMs = SEED_EPOCH_MS - 365 * DAY;
	let k = store.syntheticCount;
	while (ids.length < count) {
		const type = SYNTH_TYPES[k % SYNTH_TYPES.length];
		const value = syntheticValue(type, k);
		k++;
		if (store.findByValue(type, value)) continue;
		const isHash = type === 'sha256' || type === 'md5';
		const action: IocAction = isHash ? HASH_ACTIONS[k % HASH_ACTIONS.length] : NET_ACTIONS[k % NET_ACTIONS.length];
		const severity = action === 'prevent' || action === 'detect' ? SEVERITIES[rng.int(0, 4)] : '';
		const createdMs = baseMs + rng.int(0, 365 * 24 * 3600) * 1000;
		const fields: IndicatorFields = {
			type,
			value,
			action,
			severity,
			platforms: k % 3 === 0 ? ['windows'] : ['windows', 'mac', 'linux'],
			applied_globally: true,
			host_groups: [],
			expirationMs: null,
			source: DEMO_SOURCES[k % DEMO_SOURCES.length],
			tags: [DEMO_TAGS[k % DEMO_TAGS.length]],
			metadata: {},
		};
		const entry = store.insert(fields, {
			by: DEFAULT_FALCON_CLIENT_ID,
			createdMs,
			metadata: isHash ? { av_hits: k % 72, signed: false } : undefined,
		});
		ids.push(entry.doc.id);
	}
	store.syntheticCount = k;
	return ids;
}

function syntheticValue(type: IocType, k: number): string {
	switch (type) {
		case 'sha256':
			return hashHex(`synthetic:sha256:${k}`, 64);
		case 'md5':
			return hashHex(`synthetic:md5:${k}`, 32);
		case 'domain':
			return `host-${k.toString(36)}.synthetic.${TLDS[k % TLDS.length]}`;
		case 'ipv4':
			return `10.${(k >>> 16) & 255}.${(k >>> 8) & 255}.${k & 255}`;
		case 'ipv6':
			return `2001:db8:5e:${(k >>> 16).toString(16)}::${(k & 0xffff).toString(16)}`;
	}
}

/** A feed's worth of sha256 indicators of one source, for benchmarks and demos of Sync. */
export interface FeedSeed {
	count: number;
	source: string;
	/** Values are `prefix` + the position in hex, padded to 64 characters (as bench/lib/scenarios.ts makes them). */
	sha256Prefix: string;
	/** Position of the first one (default 0). */
	start?: number;
	action?: IocAction;
	severity?: string;
	platforms?: string[];
	/** Positions from `start` (inclusive) to this one (exclusive) get `otherSeverity` instead: the "changed" ones of a sync. */
	changedBelow?: number;
	otherSeverity?: string;
}

/** `count` sha256 indicators of a source (fast path: no validation, no look-ups); answers their ids. */
export function seedFeedIndicators(store: IocStore, seed: FeedSeed): string[] {
	const ids: string[] = [];
	const start = seed.start ?? 0;
	const createdMs = SEED_EPOCH_MS;
	for (let position = start; position < start + seed.count; position++) {
		const value = `${seed.sha256Prefix}${position.toString(16).padStart(64 - seed.sha256Prefix.length, '0')}`;
		if (store.findByValue('sha256', value)) continue;
		const changed = seed.changedBelow !== undefined && position < seed.changedBelow;
		const fields: IndicatorFields = {
			type: 'sha256',
			value,
			action: seed.action ?? 'detect',
			severity: changed ? (seed.otherSeverity ?? 'low') : (seed.severity ?? 'high'),
			platforms: seed.platforms ?? ['windows', 'linux'],
			applied_globally: true,
			host_groups: [],
			expirationMs: null,
			source: seed.source,
			tags: [],
			metadata: {},
		};
		ids.push(store.insert(fields, { by: DEFAULT_FALCON_CLIENT_ID, createdMs }).doc.id);
	}
	return ids;
}
