/**
 * In-memory quarantined files: filtered by FQL, searched by `q` (match phrase prefix), sorted,
 * counted per action (ActionUpdateCount) and changed by actions (release, unrelease, delete).
 */
import type { ErrorItem } from '../../core/envelope';
import { compileFilter } from '../../core/fql';
import { parseSort, sortDocs, type SortedResult, type SortSpec } from '../../core/sort';
import type { Device, DeviceFleet } from '../telemetry/devices';
import { DEFAULT_QUARANTINE_SORT, Q_FIELDS, QUARANTINE_FIELDS, QUARANTINE_TIEBREAKER } from './fields';
import {
	ACTION_SOURCES,
	ACTION_TARGET,
	QUARANTINE_ACTIONS,
	type QuarantineAction,
	type QuarantineActionRecord,
	type QuarantineEntry,
	type QuarantinedFile,
	type QuarantineState,
} from './model';
import { EICAR_SHA256 } from '../seed-data';
import { filePath, isWindowsBinary, seedOutbreak, seedQuarantine } from './seed';

export interface QuarantineStoreConfig {
	seed: 'demo' | 'empty';
	randomSeed: number | string;
}

/** What a file quarantined on demand is (admin route); anything left out is chosen. */
export interface NewQuarantinedFile {
	/** Default: the EICAR test file, which the sandbox's custom indicators block. */
	sha256?: string;
	filename?: string;
	/** The host (device_id or hostname); default: one that holds no copy of the file yet. */
	device_id?: string;
	hostname?: string;
	/** Epoch ms (default now). */
	timestamp?: number;
}

export interface ActionOutcome {
	/** IDs of the files the action applies to (changed, or already in the action's end state). */
	ids: string[];
	errors: ErrorItem[];
	/** How many files changed state. */
	written: number;
}

const WORD_START = /[a-z0-9]/i;

/**
 * `q` as the API reads it (match phrase prefix): the phrase must start a word of one of the
 * searched fields. "svchost" matches "…\Temp\svchost32.exe", "ost32" does not.
 */
export function phrasePrefix(q: string): (entry: QuarantineEntry) => boolean {
	const needle = q.trim().toLowerCase();
	const getters = Q_FIELDS.map((name) => QUARANTINE_FIELDS[name].get);
	const matches = (value: string): boolean => {
		const hay = value.toLowerCase();
		for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
			if (at === 0 || !WORD_START.test(hay[at - 1]) || !WORD_START.test(needle[0])) return true;
		}
		return false;
	};
	return (entry) =>
		getters.some((get) => {
			const v = get(entry);
			return (Array.isArray(v) ? v : [v]).some((x) => x !== undefined && x !== null && matches(String(x)));
		});
}

export class QuarantineStore {
	private readonly byId = new Map<string, QuarantineEntry>();
	/** Every action applied since the last reset, oldest first. */
	readonly actionLog: QuarantineActionRecord[] = [];

	constructor(
		private readonly fleet: DeviceFleet,
		private readonly config: () => QuarantineStoreConfig,
	) {
		this.reset();
	}

	get size(): number {
		return this.byId.size;
	}

	reset(): void {
		this.byId.clear();
		this.actionLog.length = 0;
		if (this.config().seed === 'demo') seedQuarantine(this, this.fleet, this.config().randomSeed);
	}

	/** Quarantines one file on `count` distinct hosts (tests, benchmarks). Answers the new ids. */
	seedOutbreak(count: number, sha256: string, fileName = 'outbreak.exe'): string[] {
		return seedOutbreak(this, this.fleet, count, sha256.toLowerCase(), fileName);
	}

	/**
	 * A file Falcon quarantines now on one host (what the New Quarantined File trigger polls for).
	 * Throws an Error for an unknown host, or a host that already holds a copy of the file (the
	 * quarantine ID is `<device_id>_<sha256>`).
	 */
	quarantineNow(input: NewQuarantinedFile = {}): QuarantinedFile {
		const sha256 = (input.sha256 ?? EICAR_SHA256).toLowerCase();
		const fileName = input.filename ?? (sha256 === EICAR_SHA256 ? 'eicar.com' : 'dropper.exe');
		const device = this.hostFor(input, sha256, fileName);
		const id = `${device.device_id}_${sha256}`;
		if (this.byId.has(id.toLowerCase())) throw new Error(`${device.hostname} already holds a quarantined copy of ${sha256} (${id})`);
		const at = input.timestamp ?? Date.now();
		const iso = new Date(at).toISOString();
		const doc: QuarantinedFile = {
			id,
			aid: device.device_id,
			cid: device.cid.toLowerCase(),
			sha256,
			state: 'quarantined',
			hostname: device.hostname,
			username: device.username,
			paths: [{ path: filePath(device, device.username, fileName, 'Downloads'), filename: fileName, state: 'quarantined' }],
			date_created: iso,
			date_updated: iso,
			detect_ids: [],
			alert_ids: [],
			primary_module: true,
			is_on_removable_disk: false,
		};
		this.insert(doc, at);
		return doc;
	}

	private hostFor(input: NewQuarantinedFile, sha256: string, fileName: string): Device {
		const devices = this.fleet.devices;
		if (input.device_id) {
			const device = devices.find((d) => d.device_id.toLowerCase() === input.device_id?.toLowerCase());
			if (!device) throw new Error(`No host with device_id '${input.device_id}' in the sandbox fleet`);
			return device;
		}
		if (input.hostname) {
			const device = devices.find((d) => d.hostname.toLowerCase() === input.hostname?.toLowerCase());
			if (!device) throw new Error(`No host named '${input.hostname}' in the sandbox fleet`);
			return device;
		}
		const free = devices.filter((d) => !this.byId.has(`${d.device_id}_${sha256}`.toLowerCase()));
		const device = (isWindowsBinary(fileName) ? free.find((d) => d.platform_name === 'Windows') : undefined) ?? free[0];
		if (!device) throw new Error(`Every host of the sandbox fleet holds a copy of ${sha256}`);
		return device;
	}

	insert(doc: QuarantinedFile, createdMs: number, updatedMs = createdMs): QuarantineEntry {
		const entry: QuarantineEntry = { doc, createdMs, updatedMs };
		this.byId.set(doc.id.toLowerCase(), entry);
		return entry;
	}

	get(id: string): QuarantinedFile | undefined {
		return this.byId.get(id.toLowerCase())?.doc;
	}

	all(): QuarantineEntry[] {
		return [...this.byId.values()];
	}

	/** Entries matching filter and q, sorted. Throws ApiError(400) for a bad filter or sort. */
	query(filter: string | undefined, q: string | undefined, sort?: string): { result: SortedResult<QuarantineEntry>; specs: SortSpec<QuarantineEntry>[] } {
		const specs = parseSort(sort, QUARANTINE_FIELDS, { defaultSort: DEFAULT_QUARANTINE_SORT, tiebreaker: QUARANTINE_TIEBREAKER });
		return { result: sortDocs(this.matching(filter, q), specs), specs };
	}

	matching(filter: string | undefined, q: string | undefined): QuarantineEntry[] {
		const predicate = compileFilter(filter, QUARANTINE_FIELDS);
		const search = q && q.trim() !== '' ? phrasePrefix(q) : undefined;
		return this.all().filter((e) => (!predicate || predicate(e)) && (!search || search(e)));
	}

	/** ActionUpdateCount: how many of the matching files each action would change. */
	actionCounts(filter: string | undefined, q?: string): Array<{ name: QuarantineAction; count: number }> {
		const docs = this.matching(filter, q);
		return QUARANTINE_ACTIONS.map((name) => ({ name, count: docs.filter((e) => ACTION_SOURCES[name].includes(e.doc.state)).length }));
	}

	/** UpdateQuarantinedDetectsByIds: unknown ids and files the action cannot apply to are errors. */
	applyByIds(ids: string[], action: QuarantineAction, comment: string | undefined, by: string, now: number): ActionOutcome {
		const outcome: ActionOutcome = { ids: [], errors: [], written: 0 };
		for (const id of ids) {
			const entry = this.byId.get(id.toLowerCase());
			if (!entry) {
				outcome.errors.push({ code: 404, message: `Quarantined file with id '${id}' not found`, id });
				continue;
			}
			const state = entry.doc.state;
			if (state === ACTION_TARGET[action]) {
				outcome.ids.push(entry.doc.id);
			} else if (ACTION_SOURCES[action].includes(state)) {
				this.change(entry, action, comment, by, now);
				outcome.ids.push(entry.doc.id);
				outcome.written++;
			} else {
				outcome.errors.push({ code: 400, message: `Cannot ${action} quarantined file '${id}': its state is '${state}'`, id });
			}
		}
		return outcome;
	}

	/** UpdateQfByQuery: the action on every matching file it applies to. */
	applyByQuery(filter: string | undefined, q: string | undefined, action: QuarantineAction, comment: string | undefined, by: string, now: number): ActionOutcome {
		const outcome: ActionOutcome = { ids: [], errors: [], written: 0 };
		for (const entry of this.matching(filter, q)) {
			if (!ACTION_SOURCES[action].includes(entry.doc.state)) continue;
			this.change(entry, action, comment, by, now);
			outcome.ids.push(entry.doc.id);
			outcome.written++;
		}
		return outcome;
	}

	private change(entry: QuarantineEntry, action: QuarantineAction, comment: string | undefined, by: string, now: number): void {
		const from: QuarantineState = entry.doc.state;
		const to = ACTION_TARGET[action];
		entry.doc.state = to;
		for (const path of entry.doc.paths) path.state = to;
		entry.updatedMs = now;
		entry.doc.date_updated = new Date(now).toISOString();
		this.actionLog.push({ id: entry.doc.id, action, ...(comment ? { comment } : {}), from, to, by, at: entry.doc.date_updated });
	}
}
