/**
 * Cytomic Orion state (state.orion): the authorized application, its tokens, the IOCs, the
 * alerts, and failures a test asks for.
 */
import { isIP } from 'node:net';

import { hashInt, Prng } from '../core/prng';
import { TokenStore } from '../core/tokens';
import type { SandboxConfig } from '../types';
import {
	ALERT_STATUSES,
	DEFAULT_ORION_CLIENT_ID,
	DEFAULT_ORION_CLIENT_SECRET,
	DEFAULT_ORION_PASSWORD,
	DEFAULT_ORION_USERNAME,
	DEMO_IOCS,
	HUNTING_RULES,
	MACHINES,
	ORION_CLIENT_ACCOUNT_ID,
	guidFrom,
	muidOf,
	type AlertStatus,
} from './seed';

export interface OrionCredentials {
	clientId: string;
	clientSecret: string;
	username: string;
	password: string;
}

export const ORION_TYPES = ['FileHashIoc', 'UrlIoc', 'IPIoc', 'DomainIoc'] as const;
export type OrionType = (typeof ORION_TYPES)[number];

/** The body field that names an IOC's value, per type. */
export const VALUE_FIELD: Record<OrionType, 'hash' | 'url' | 'ip' | 'domain'> = {
	FileHashIoc: 'hash',
	UrlIoc: 'url',
	IPIoc: 'ip',
	DomainIoc: 'domain',
};

/** `ioc.type` of a retrospective hit. */
export const HIT_TYPE: Record<OrionType, string> = { FileHashIoc: 'FileHash', UrlIoc: 'Url', IPIoc: 'IP', DomainIoc: 'Domain' };

/** Path names the server takes, case-insensitively: canonical, and those the vendor's pages use. */
const TYPE_ALIASES: Record<string, OrionType> = {
	filehashioc: 'FileHashIoc',
	hash: 'FileHashIoc',
	filehash: 'FileHashIoc',
	urlioc: 'UrlIoc',
	url: 'UrlIoc',
	ipioc: 'IPIoc',
	ip: 'IPIoc',
	domainioc: 'DomainIoc',
	domain: 'DomainIoc',
};

export function orionType(raw: string): OrionType | undefined {
	return TYPE_ALIASES[raw.toLowerCase()];
}

/** The value as the platform keys it, or why it is refused. */
export function normalizeValue(type: OrionType, raw: unknown): { value: string } | { problem: string } {
	if (typeof raw !== 'string' || raw.trim() === '') return { problem: `a non-empty '${VALUE_FIELD[type]}' is required` };
	const value = raw.trim();
	switch (type) {
		case 'FileHashIoc':
			return /^[0-9a-f]{32}$/i.test(value) ? { value: value.toLowerCase() } : { problem: `'${value}' is not an MD5 hash` };
		case 'IPIoc':
			return isIP(value) ? { value: value.toLowerCase() } : { problem: `'${value}' is not an IP address` };
		case 'DomainIoc':
			return /^[a-z0-9_-]+(\.[a-z0-9_-]+)+\.?$/i.test(value) && !isIP(value)
				? { value: value.toLowerCase().replace(/\.$/, '') }
				: { problem: `'${value}' is not a domain` };
		case 'UrlIoc':
			return /^[a-z][a-z0-9+.-]*:\/\/[^\s/]+/i.test(value) ? { value } : { problem: `'${value}' is not a URL with its protocol` };
	}
}

export interface StoredIoc {
	type: OrionType;
	key: string;
	iocJson: Record<string, unknown>;
	deployedAt: number;
	expiresAt: number;
	lastRetroScanAt: number | null;
	pandaAlertId: string;
	deletedAt: number | null;
}

export interface OrionAlert {
	id: string;
	MUID: string;
	timestamp: number;
	clientid: string;
	huntingRule: string;
	HuntingRuleId: number;
	status: AlertStatus;
	details: string;
	alertDateTime: string;
	lastHourEvidenceCount: number;
	severity: 'Low' | 'Medium' | 'High' | 'Critical';
	mitre: { tactic: string; technique: string };
	excluded: boolean;
	machineName: string;
	caseId: string | null;
	caseName: string | null;
}

export type OrionOperation = 'token' | 'import' | 'eraser' | 'getter' | 'list' | 'retrospective' | 'alerts';

/** A failure a test asks for: the next `times` calls of `operation` answer `status`. */
export interface OrionFailure {
	operation: OrionOperation;
	status: number;
	/** Apply the call first (the change happens, the answer is lost), as a server failing late does. */
	afterApply?: boolean;
	times?: number;
	headers?: Record<string, string>;
	message?: string;
	/** The `error` field of the answer (default from the status). A status of 200 answers `success: false`. */
	error?: string;
}

export interface RetroHit {
	MUID: string;
	clientid: string;
	firstSeen: string;
	lastSeen: string;
	ioc: { iockey: string; type: string; source: string | null; policy: string | null; description: string | null };
	PandaAlertId: string | null;
}

const DAY = 86_400_000;

export class OrionState {
	readonly tokens = new TokenStore();
	private readonly iocs = new Map<string, StoredIoc>();
	private alertList: OrionAlert[] = [];
	private failures: Array<OrionFailure & { left: number }> = [];
	private readonly planted = new Map<string, number>();
	private counter = 0;

	readonly credentials: OrionCredentials;

	constructor(
		credentials: Partial<OrionCredentials> | undefined,
		private readonly config: () => SandboxConfig,
	) {
		this.credentials = {
			clientId: credentials?.clientId ?? DEFAULT_ORION_CLIENT_ID,
			clientSecret: credentials?.clientSecret ?? DEFAULT_ORION_CLIENT_SECRET,
			username: credentials?.username ?? DEFAULT_ORION_USERNAME,
			password: credentials?.password ?? DEFAULT_ORION_PASSWORD,
		};
		this.reset();
	}

	checkClient(id: string, secret: string): boolean {
		return id === this.credentials.clientId && secret === this.credentials.clientSecret;
	}

	checkUser(username: string, password: string): boolean {
		return username === this.credentials.username && password === this.credentials.password;
	}

	expireTokens(): number {
		return this.tokens.expireTokens();
	}

	/** Back to the seed data: demo IOCs and alerts (seed 'demo') or nothing ('empty'); tokens and failures cleared. */
	reset(): void {
		this.tokens.reset();
		this.iocs.clear();
		this.failures = [];
		this.planted.clear();
		this.counter = 0;
		this.alertList = [];
		if (this.config().seed !== 'demo') return;
		const now = Date.now();
		for (const demo of DEMO_IOCS) {
			const deployedAt = now - demo.daysAgo * DAY;
			this.put(demo.type, demo.value, { source: demo.source, DaysToExpiration: demo.daysToExpiration }, demo.daysToExpiration, deployedAt, this.newId());
		}
		const prng = new Prng(`orion-alerts:${this.config().randomSeed}`);
		for (let i = 0; i < 24; i++) {
			this.addAlert({ timestamp: now - Math.round((14 - i * 0.55) * DAY) - prng.int(0, 3_600_000) }, prng);
		}
	}

	// ----- IOCs --------------------------------------------------------------------------------

	get iocCount(): number {
		return [...this.iocs.values()].filter((ioc) => this.live(ioc)).length;
	}

	/** Imports (or refreshes) IOCs of one type; all get the PandaAlertId of this call. */
	importIocs(type: OrionType, elements: Array<{ value: string; fields: Record<string, unknown>; days: number }>, retrospective: boolean): { count: number; pandaAlertId: string } {
		const id = this.newId();
		const now = Date.now();
		for (const { value, fields, days } of elements) {
			const stored = this.put(type, value, fields, days, now, id);
			if (retrospective) stored.lastRetroScanAt = now;
		}
		return { count: elements.length, pandaAlertId: id };
	}

	/** Deletes live IOCs (they stay listed with includeDeleted); answers how many and the first one's id. */
	eraseIocs(type: OrionType, values: string[]): { count: number; pandaAlertId: string | null } {
		let count = 0;
		let first: string | null = null;
		for (const value of new Set(values)) {
			const ioc = this.iocs.get(`${type}:${value}`);
			if (!ioc || !this.live(ioc)) continue;
			ioc.deletedAt = Date.now();
			count++;
			first ??= ioc.pandaAlertId;
		}
		return { count, pandaAlertId: first };
	}

	findIocs(type: OrionType, values: string[]): StoredIoc[] {
		return [...new Set(values)].map((value) => this.iocs.get(`${type}:${value}`)).filter((ioc): ioc is StoredIoc => !!ioc && this.live(ioc));
	}

	iocsByDate(type: OrionType, from: number, to: number, includeDeleted: boolean): StoredIoc[] {
		return [...this.iocs.values()]
			.filter((ioc) => ioc.type === type && ioc.deployedAt >= from && ioc.deployedAt <= to && (includeDeleted || this.live(ioc)))
			.sort((a, b) => a.deployedAt - b.deployedAt);
	}

	/** What the platform stores for a value (live or deleted), for tests. */
	ioc(type: OrionType, value: string): StoredIoc | undefined {
		return this.iocs.get(`${type}:${value}`);
	}

	private put(type: OrionType, value: string, fields: Record<string, unknown>, days: number, at: number, id: string): StoredIoc {
		const stored: StoredIoc = {
			type,
			key: value,
			iocJson: { [VALUE_FIELD[type]]: value, ...fields, DaysToExpiration: days },
			deployedAt: at,
			expiresAt: at + days * DAY,
			lastRetroScanAt: null,
			pandaAlertId: id,
			deletedAt: null,
		};
		this.iocs.set(`${type}:${value}`, stored);
		return stored;
	}

	/** Not deleted, and not past its expiration (an IOC with 0 days stays listed but is never active). */
	private live(ioc: StoredIoc): boolean {
		return ioc.deletedAt === null && (ioc.expiresAt === ioc.deployedAt || ioc.expiresAt > Date.now());
	}

	private newId(): string {
		this.counter++;
		return `${String(this.counter).padStart(6, '0')}${guidFrom(new Prng(`orion-id:${this.config().randomSeed}:${this.counter}`)).slice(6)}`;
	}

	// ----- retrospective search ----------------------------------------------------------------

	/** Makes `count` computers have seen this IOC (overrides the generated telemetry). */
	plantSighting(type: OrionType, value: string, count = 1): void {
		this.planted.set(`${type}:${value}`, count);
	}

	/** How many computers saw this IOC: planted, else a stable pseudo-random 0..2 (0 for most values). */
	sightingCount(type: OrionType, value: string): number {
		const planted = this.planted.get(`${type}:${value}`);
		if (planted !== undefined) return planted;
		const h = hashInt(`orion-sighting:${this.config().randomSeed}:${type}:${value}`);
		return h % 3 === 0 ? 1 + ((h >>> 4) % 2) : 0;
	}

	retrospective(type: OrionType, elements: Array<{ value: string; fields: Record<string, unknown> }>): RetroHit[] {
		const hits: RetroHit[] = [];
		const now = Date.now();
		for (const { value, fields } of elements) {
			const stored = this.iocs.get(`${type}:${value}`);
			const live = stored && this.live(stored) ? stored : undefined;
			if (live) live.lastRetroScanAt = now;
			const described = (name: string) => (live?.iocJson[name] ?? fields[name] ?? null) as string | null;
			for (let i = 0; i < this.sightingCount(type, value); i++) {
				const machine = MACHINES[(hashInt(`${type}:${value}`) + i) % MACHINES.length];
				const firstSeen = now - (40 + i * 7) * DAY;
				hits.push({
					MUID: muidOf(machine),
					clientid: ORION_CLIENT_ACCOUNT_ID,
					firstSeen: new Date(firstSeen).toISOString(),
					lastSeen: new Date(firstSeen + (3 + i) * DAY).toISOString(),
					ioc: { iockey: value, type: HIT_TYPE[type], source: described('source'), policy: described('policy'), description: described('description') },
					PandaAlertId: live?.pandaAlertId ?? null,
				});
			}
		}
		return hits;
	}

	// ----- alerts ------------------------------------------------------------------------------

	get alerts(): readonly OrionAlert[] {
		return this.alertList;
	}

	/** Adds an alert (now, Pending, on a sandbox machine unless told otherwise); answers it. */
	addAlert(partial: Partial<OrionAlert> = {}, prng = new Prng(`orion-alert:${this.config().randomSeed}:${this.alertList.length}`)): OrionAlert {
		const rule = HUNTING_RULES[prng.int(0, HUNTING_RULES.length - 1)];
		const machineName = partial.machineName ?? MACHINES[prng.int(0, MACHINES.length - 1)];
		const timestamp = partial.timestamp ?? Date.now();
		const status = partial.status ?? ALERT_STATUSES[prng.int(0, 2)];
		const caseId = status === 'Pending' ? null : String(prng.int(1000, 9999));
		const alert: OrionAlert = {
			id: guidFrom(prng),
			MUID: muidOf(machineName),
			timestamp,
			clientid: ORION_CLIENT_ACCOUNT_ID,
			huntingRule: rule.name,
			HuntingRuleId: HUNTING_RULES.indexOf(rule) + 101,
			status,
			details: `${rule.name} on ${machineName}`,
			alertDateTime: new Date(timestamp).toISOString(),
			lastHourEvidenceCount: prng.int(1, 12),
			severity: (['Low', 'Medium', 'High', 'Critical'] as const)[prng.int(0, 3)],
			mitre: { tactic: rule.tactic, technique: rule.technique },
			excluded: false,
			machineName,
			caseId,
			caseName: caseId ? `Investigation ${caseId}` : null,
			...partial,
		};
		alert.MUID = partial.MUID ?? muidOf(alert.machineName);
		alert.alertDateTime = new Date(alert.timestamp).toISOString();
		this.alertList.push(alert);
		this.alertList.sort((a, b) => a.timestamp - b.timestamp);
		return alert;
	}

	// ----- failures ----------------------------------------------------------------------------

	/** The next `times` (default 1) calls of an operation fail with `status`. */
	injectFailure(failure: OrionFailure): void {
		this.failures.push({ ...failure, left: failure.times ?? 1 });
	}

	takeFailure(operation: OrionOperation): OrionFailure | undefined {
		const found = this.failures.find((failure) => failure.operation === operation && failure.left > 0);
		if (!found) return undefined;
		found.left--;
		if (found.left === 0) this.failures = this.failures.filter((failure) => failure !== found);
		return found;
	}
}
