/**
 * Endpoint alerts. The seed gives every seeded quarantined file the alert its `alert_ids` names
 * (same composite ID, host, file and SHA256), so alerts, hosts, quarantined copies and the demo's
 * hashes are one story. `create()` adds a new alert now (the admin route fires the New Alert trigger).
 */
import type { ErrorItem } from '../../core/envelope';
import { compileFilter, type FieldSchema } from '../../core/fql';
import { hashHex, Prng } from '../../core/prng';
import { parseSort, sortDocs, type SortedResult, type SortSpec } from '../../core/sort';
import { DEMO_ALERT_FILES, EICAR_SHA256, isKnownMaliciousSha256 } from '../seed-data';
import type { HostEntry, HostStore } from '../hosts/store';
import type { QuarantineStore } from '../quarantine/store';
import type { QuarantinedFile } from '../quarantine/model';
import { ALERT_DEVICE_FIELDS, PATTERNS, SEVERITY_SCORES, type Alert, type AlertActionName, type AlertDevice, type AlertStatus, type PatternName, type SeverityName } from './model';

export interface AlertStoreConfig {
	seed: 'demo' | 'empty';
	randomSeed: number | string;
}

export interface AlertEntry {
	doc: Alert;
	createdMs: number;
	updatedMs: number;
	/** Comments appended by updates (the alert record does not carry them). */
	comments: Array<{ comment: string; by: string; at: string }>;
}

/** What an alert made on demand is about; anything left out is filled from the demo data. */
export interface NewAlert {
	sha256?: string;
	filename?: string;
	device_id?: string;
	hostname?: string;
	severity_name?: SeverityName;
	status?: AlertStatus;
	pattern?: PatternName;
	/** Epoch ms (default now). */
	timestamp?: number;
}

export interface UpdateOutcome {
	updated: string[];
	errors: ErrorItem[];
}


export const ALERT_FIELDS: FieldSchema<AlertEntry> = {
	composite_id: { type: 'string', get: (e) => e.doc.composite_id },
	id: { type: 'string', get: (e) => e.doc.id },
	aggregate_id: { type: 'string', get: (e) => e.doc.aggregate_id },
	cid: { type: 'string', get: (e) => e.doc.cid },
	agent_id: { type: 'string', get: (e) => e.doc.agent_id },
	severity: { type: 'number', get: (e) => e.doc.severity },
	severity_name: { type: 'string', get: (e) => e.doc.severity_name },
	status: { type: 'string', get: (e) => e.doc.status },
	product: { type: 'string', get: (e) => e.doc.product },
	type: { type: 'string', get: (e) => e.doc.type },
	pattern_id: { type: 'number', get: (e) => e.doc.pattern_id },
	platform: { type: 'string', get: (e) => e.doc.platform },
	name: { type: 'string', get: (e) => e.doc.name },
	display_name: { type: 'string', get: (e) => e.doc.display_name },
	tactic: { type: 'string', get: (e) => e.doc.tactic },
	tactic_id: { type: 'string', get: (e) => e.doc.tactic_id },
	technique: { type: 'string', get: (e) => e.doc.technique },
	technique_id: { type: 'string', get: (e) => e.doc.technique_id },
	assigned_to_name: { type: 'string', get: (e) => e.doc.assigned_to_name },
	assigned_to_uid: { type: 'string', get: (e) => e.doc.assigned_to_uid },
	assigned_to_uuid: { type: 'string', get: (e) => e.doc.assigned_to_uuid },
	tags: { type: 'string', get: (e) => e.doc.tags },
	filename: { type: 'string', get: (e) => e.doc.filename },
	filepath: { type: 'string', get: (e) => e.doc.filepath },
	sha256: { type: 'string', get: (e) => e.doc.sha256 },
	cmdline: { type: 'string', get: (e) => e.doc.cmdline, sortable: false },
	user_name: { type: 'string', get: (e) => e.doc.user_name },
	show_in_ui: { type: 'boolean', get: (e) => e.doc.show_in_ui },
	created_timestamp: { type: 'date', get: (e) => e.createdMs },
	updated_timestamp: { type: 'date', get: (e) => e.updatedMs },
	timestamp: { type: 'date', get: (e) => e.createdMs },
	'device.device_id': { type: 'string', get: (e) => e.doc.device.device_id },
	'device.hostname': { type: 'string', get: (e) => e.doc.device.hostname },
	'device.platform_name': { type: 'string', get: (e) => e.doc.device.platform_name },
	'device.local_ip': { type: 'string', get: (e) => e.doc.device.local_ip },
	'device.external_ip': { type: 'string', get: (e) => e.doc.device.external_ip },
};

export const DEFAULT_ALERT_SORT = 'created_timestamp|desc';
export const ALERT_TIEBREAKER: SortSpec<AlertEntry> = { field: 'composite_id', direction: 'asc', get: (e) => e.doc.composite_id };

const BENIGN_SEVERITIES: SeverityName[] = ['Low', 'Medium', 'Informational'];

export class AlertStore {
	private readonly byId = new Map<string, AlertEntry>();
	private created = 0;

	constructor(
		private readonly hosts: HostStore,
		private readonly quarantine: QuarantineStore,
		private readonly config: () => AlertStoreConfig,
	) {
		this.reset();
	}

	get size(): number {
		return this.byId.size;
	}

	reset(): void {
		this.byId.clear();
		this.created = 0;
		if (this.config().seed !== 'demo') return;
		const rng = new Prng(`alerts:${this.config().randomSeed}`);
		const demoFiles = new Set(DEMO_ALERT_FILES.map((file) => file.sha256));
		for (const { doc, createdMs } of this.quarantine.all()) {
			const compositeId = doc.alert_ids[0];
			const host = this.hosts.entry(doc.aid);
			if (!compositeId || !host) continue;
			const malicious = isKnownMaliciousSha256(doc.sha256) || doc.sha256 === DEMO_ALERT_FILES[0].sha256;
			const severity: SeverityName = doc.sha256 === EICAR_SHA256 ? 'Critical' : malicious ? 'High' : rng.pick(BENIGN_SEVERITIES);
			const r = rng.next();
			const status: AlertStatus = demoFiles.has(doc.sha256) ? 'new' : r < 0.5 ? 'new' : r < 0.7 ? 'in_progress' : r < 0.95 ? 'closed' : 'reopened';
			const pattern: PatternName = isKnownMaliciousSha256(doc.sha256) ? 'knownMalware' : malicious ? 'machineLearning' : 'lowConfidence';
			this.insert(this.build(compositeId, host, doc, { severity, status, pattern, at: createdMs - 30_000 }), createdMs - 30_000);
		}
	}

	/**
	 * Adds `count` copies of one demo alert on synthetic composite IDs, a second apart ending now
	 * (tests and benchmarks of more alerts than the seed has). Answers their composite IDs.
	 */
	seedSynthetic(count: number, now = Date.now()): string[] {
		const template = this.all()[0]?.doc ?? this.create({ timestamp: now });
		const ids: string[] = [];
		for (let i = 0; i < count; i++) {
			const at = now - (count - i) * 1000;
			const suffix = hashHex(`sandbox:alert:synthetic:${this.byId.size}:${i}`, 20);
			const compositeId = `${template.cid}:ind:${template.agent_id}:${suffix}`;
			const iso = new Date(at).toISOString();
			const doc: Alert = {
				...structuredClone(template),
				composite_id: compositeId,
				id: `ind:${template.agent_id}:${suffix}`,
				created_timestamp: iso,
				updated_timestamp: iso,
				timestamp: iso,
				crawled_timestamp: iso,
				status: 'new',
				tags: [],
			};
			this.insert(doc, at);
			ids.push(compositeId);
		}
		return ids;
	}

	all(): AlertEntry[] {
		return [...this.byId.values()];
	}

	get(compositeId: string): AlertEntry | undefined {
		return this.byId.get(compositeId.toLowerCase());
	}

	/** Alerts matching the filter, sorted. Throws ApiError(400) for a bad filter or sort. */
	query(filter: string | undefined, sort: string | undefined): { result: SortedResult<AlertEntry>; specs: SortSpec<AlertEntry>[] } {
		const predicate = compileFilter(filter, ALERT_FIELDS);
		const specs = parseSort(sort, ALERT_FIELDS, { defaultSort: DEFAULT_ALERT_SORT, tiebreaker: ALERT_TIEBREAKER });
		return { result: sortDocs(this.all().filter((entry) => !predicate || predicate(entry)), specs), specs };
	}

	/**
	 * A new alert now (or at `timestamp`): by default the demo malware (invoice_0421.exe) on a host
	 * where a copy of it is quarantined, so the alert's host and file are in the sandbox's data.
	 * Throws an Error for a host or file the sandbox does not know.
	 */
	create(input: NewAlert = {}): Alert {
		const sha256 = (input.sha256 ?? DEMO_ALERT_FILES[0].sha256).toLowerCase();
		const copies = this.quarantine.all().filter((entry) => entry.doc.sha256 === sha256);
		const host = this.hostFor(input, copies.map((entry) => entry.doc));
		const copy = copies.find((entry) => entry.doc.aid === host.device.device_id)?.doc;
		const at = input.timestamp ?? Date.now();
		this.created++;
		const compositeId = `${host.device.cid.toLowerCase()}:ind:${host.device.device_id}:${hashHex(`sandbox:alert:created:${this.created}:${at}:${sha256}`, 20)}`;
		const known = isKnownMaliciousSha256(sha256);
		const file = copy ?? this.syntheticCopy(host, sha256, input.filename ?? DEMO_ALERT_FILES.find((demo) => demo.sha256 === sha256)?.file_name ?? 'dropper.exe', at);
		const alert = this.build(compositeId, host, file, {
			severity: input.severity_name ?? (sha256 === EICAR_SHA256 ? 'Critical' : 'High'),
			status: input.status ?? 'new',
			pattern: input.pattern ?? (known ? 'knownMalware' : 'machineLearning'),
			at,
			filename: input.filename,
		});
		this.insert(alert, at);
		return alert;
	}

	private hostFor(input: NewAlert, copies: QuarantinedFile[]): HostEntry {
		if (input.device_id) {
			const host = this.hosts.entry(input.device_id);
			if (!host) throw new Error(`No host with device_id '${input.device_id}' in the sandbox fleet`);
			return host;
		}
		if (input.hostname) {
			const host = this.hosts.all().find((entry) => entry.device.hostname.toLowerCase() === input.hostname?.toLowerCase());
			if (!host) throw new Error(`No host named '${input.hostname}' in the sandbox fleet`);
			return host;
		}
		const candidates = copies.map((copy) => this.hosts.entry(copy.aid)).filter((entry): entry is HostEntry => entry !== undefined && !entry.hidden);
		const quiet = candidates.find((entry) => this.hosts.statusOf(entry) === 'normal');
		const fallback = this.hosts.all().find((entry) => !entry.hidden && entry.device.platform_name === 'Windows' && this.hosts.statusOf(entry) === 'normal');
		const host = quiet ?? candidates[0] ?? fallback;
		if (!host) throw new Error('The sandbox fleet has no host for the alert');
		return host;
	}

	private syntheticCopy(host: HostEntry, sha256: string, filename: string, at: number): QuarantinedFile {
		const iso = new Date(at).toISOString();
		const user = host.device.username;
		return {
			id: `${host.device.device_id}_${sha256}`,
			aid: host.device.device_id,
			cid: host.device.cid.toLowerCase(),
			sha256,
			state: 'quarantined',
			hostname: host.device.hostname,
			username: user,
			paths: [{ path: `\\Device\\HarddiskVolume3\\Users\\${user}\\Downloads\\${filename}`, filename, state: 'quarantined' }],
			date_created: iso,
			date_updated: iso,
			detect_ids: [],
			alert_ids: [],
			primary_module: true,
			is_on_removable_disk: false,
		};
	}

	private build(
		compositeId: string,
		host: HostEntry,
		file: QuarantinedFile,
		options: { severity: SeverityName; status: AlertStatus; pattern: PatternName; at: number; filename?: string },
	): Alert {
		const [cid, , aid, suffix] = compositeId.split(':');
		const pattern = PATTERNS[options.pattern];
		const at = new Date(options.at).toISOString();
		const record = this.hosts.record(host);
		const device = Object.fromEntries(ALERT_DEVICE_FIELDS.map((field) => [field, record[field]])) as unknown as AlertDevice;
		const path = file.paths[0];
		const filename = options.filename ?? path?.filename ?? '';
		const filepath = path?.path ?? '';
		const stored = this.quarantine.get(file.id);
		return {
			agent_id: aid,
			aggregate_id: `aggind:${aid}:${hashHex(`sandbox:alert:aggregate:${compositeId}`, 16)}`,
			aggregation_rule_id: '',
			aggregation_rule_name: '',
			assigned_to_name: '',
			assigned_to_uid: '',
			assigned_to_uuid: '',
			cid,
			cmdline: host.device.platform_name === 'Windows' ? `"${filepath.replace('\\Device\\HarddiskVolume3', 'C:')}"` : filepath,
			cms_rule_id: '',
			cms_rule_instance_id: '',
			cms_rule_instance_version: '',
			composite_id: compositeId,
			confidence: options.pattern === 'lowConfidence' ? 40 : 90,
			crawled_timestamp: at,
			created_timestamp: at,
			data_domains: ['Endpoint'],
			description: pattern.description,
			device,
			display_name: pattern.display_name,
			email_sent: false,
			external: false,
			falcon_host_link: `https://falcon.crowdstrike.com/activity-v2/detections/${compositeId}`,
			filename,
			filepath,
			id: `ind:${aid}:${suffix}`,
			is_aggregated: false,
			is_falcon_platform_ioa: false,
			linked_behavioral_detections: [],
			linked_case_ids: [],
			mitre_attack: [{ pattern_id: pattern.pattern_id, tactic: pattern.tactic, tactic_id: pattern.tactic_id, technique: pattern.technique, technique_id: pattern.technique_id }],
			name: pattern.name,
			objective: 'Falcon Detection Method',
			origin_cid: cid,
			pattern_disposition: 2176,
			pattern_disposition_description: 'Prevention/Quarantine, process was blocked from execution and quarantine was attempted.',
			pattern_disposition_details: { detect: false, process_blocked: true, quarantine_file: true, kill_process: false, operation_blocked: false },
			pattern_id: pattern.pattern_id,
			platform: host.device.platform_name,
			product: 'epp',
			quarantined_files: stored ? [{ id: stored.id, filename, sha256: stored.sha256, state: stored.state }] : [],
			resolution: '',
			scenario: pattern.scenario,
			seconds_to_resolved: 0,
			seconds_to_triaged: 0,
			severity: SEVERITY_SCORES[options.severity],
			severity_name: options.severity,
			sha256: file.sha256,
			show_in_ui: true,
			source_products: ['Falcon Insight'],
			source_vendors: ['CrowdStrike'],
			status: options.status,
			tactic: pattern.tactic,
			tactic_id: pattern.tactic_id,
			tags: [],
			technique: pattern.technique,
			technique_id: pattern.technique_id,
			timestamp: at,
			type: 'ldt',
			updated_timestamp: at,
			user_name: file.username,
		};
	}

	private insert(doc: Alert, createdMs: number): AlertEntry {
		const entry: AlertEntry = { doc, createdMs, updatedMs: createdMs, comments: [] };
		this.byId.set(doc.composite_id.toLowerCase(), entry);
		return entry;
	}

	/**
	 * UpdateV3: every action on every alert, tags removed before tags are added (as the API
	 * documents). Unknown IDs are errors; the others are updated.
	 */
	update(ids: string[], actions: Array<{ name: AlertActionName; value: string }>, by: string, now = Date.now()): UpdateOutcome {
		const outcome: UpdateOutcome = { updated: [], errors: [] };
		const order = (name: AlertActionName) => (name === 'remove_tag' || name === 'remove_tags_by_prefix' ? 0 : 1);
		const sorted = [...actions].sort((a, b) => order(a.name) - order(b.name));
		for (const id of ids) {
			const entry = this.get(id);
			if (!entry) {
				outcome.errors.push({ code: 404, message: `Alert with composite id '${id}' not found`, id });
				continue;
			}
			for (const action of sorted) this.apply(entry, action, by, now);
			entry.updatedMs = now;
			entry.doc.updated_timestamp = new Date(now).toISOString();
			outcome.updated.push(entry.doc.composite_id);
		}
		return outcome;
	}

	private apply(entry: AlertEntry, action: { name: AlertActionName; value: string }, by: string, now: number): void {
		const doc = entry.doc;
		switch (action.name) {
			case 'update_status':
				if (doc.status === 'new' && action.value !== 'new') doc.seconds_to_triaged = Math.max(0, Math.round((now - entry.createdMs) / 1000));
				if (action.value === 'closed') doc.seconds_to_resolved = Math.max(0, Math.round((now - entry.createdMs) / 1000));
				doc.status = action.value as AlertStatus;
				break;
			case 'assign_to_name':
				doc.assigned_to_name = action.value;
				break;
			case 'assign_to_user_id':
				doc.assigned_to_uid = action.value;
				doc.assigned_to_name ||= action.value.split('@')[0];
				break;
			case 'assign_to_uuid':
				doc.assigned_to_uuid = action.value;
				break;
			case 'unassign':
				doc.assigned_to_name = '';
				doc.assigned_to_uid = '';
				doc.assigned_to_uuid = '';
				break;
			case 'append_comment':
				entry.comments.push({ comment: action.value, by, at: new Date(now).toISOString() });
				break;
			case 'add_tag':
				if (!doc.tags.includes(action.value)) doc.tags = [...doc.tags, action.value];
				break;
			case 'remove_tag':
				doc.tags = doc.tags.filter((tag) => tag !== action.value);
				break;
			case 'remove_tags_by_prefix':
				doc.tags = doc.tags.filter((tag) => !tag.startsWith(action.value));
				break;
			case 'show_in_ui':
				doc.show_in_ui = action.value !== 'false';
				break;
			default:
				break;
		}
	}
}
