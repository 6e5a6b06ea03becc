/**
 * The Hosts API's view of the fleet: each device's containment state (normal → containment_pending
 * → contained, and back through lift_containment_pending), whether it is hidden, its tags, its
 * host-group membership and its online state. Built on the deterministic fleet (telemetry/devices.ts),
 * so device IDs match those of IOC sightings, quarantined files and alerts.
 */
import { randomUUID } from 'node:crypto';

import { ApiError, type ErrorItem } from '../../core/envelope';
import { compileFilter, type FieldSchema } from '../../core/fql';
import { hashHex, Prng } from '../../core/prng';
import { parseSort, sortDocs, type SortSpec } from '../../core/sort';
import type { Device, DeviceFleet } from '../telemetry/devices';
import {
	SCROLL_TTL_MS,
	type ContainmentState,
	type DeviceActionName,
	type DeviceActionRecord,
	type DeviceRecord,
	type OnlineState,
} from './model';

export interface HostStoreConfig {
	seed: 'demo' | 'empty';
	randomSeed: number | string;
	/** How long a containment (or its lifting) stays pending before it takes effect. */
	containmentDelayMs: number;
}

export interface HostEntry {
	device: Device;
	/** The state last set; a pending state resolves once containmentDelayMs has passed (see `statusOf`). */
	state: ContainmentState;
	changedMs: number;
	hidden: boolean;
	groups: string[];
	tags: string[];
	online: OnlineState;
	linuxSensorMode?: 'Kernel Mode' | 'User Mode';
	modifiedMs: number;
}

export interface ActionOutcome {
	/** The device IDs the action was accepted for. */
	accepted: string[];
	errors: ErrorItem[];
}

const PENDING_END: Partial<Record<ContainmentState, ContainmentState>> = {
	containment_pending: 'contained',
	lift_containment_pending: 'normal',
};

const PLATFORM_IDS: Record<Device['platform_name'], string> = { Windows: '0', Mac: '1', Linux: '3' };
const MANUFACTURERS = ['Dell Inc.', 'LENOVO', 'HP', 'VMware, Inc.', 'Microsoft Corporation'];
const VIP_TAG = 'FalconGroupingTags/VIP';
const PRODUCTION_TAG = 'SensorGroupingTags/Production';

export class HostStore {
	private readonly entries = new Map<string, HostEntry>();
	private readonly scrolls = new Map<string, { ids: string[]; expiresMs: number }>();
	/** Every device action applied since the last reset, oldest first. */
	readonly actionLog: DeviceActionRecord[] = [];

	constructor(
		private readonly fleet: DeviceFleet,
		private readonly config: () => HostStoreConfig,
	) {
		this.reset();
	}

	reset(): void {
		this.entries.clear();
		this.scrolls.clear();
		this.actionLog.length = 0;
		const rng = new Prng(`hosts:${this.config().randomSeed}`);
		for (const device of this.fleet.devices) {
			const r = rng.next();
			const server = device.os_version.includes('Server') || device.platform_name === 'Linux';
			const entry: HostEntry = {
				device,
				state: 'normal',
				changedMs: Date.parse(device.first_seen),
				hidden: false,
				groups: [...device.groups],
				tags: [...(server ? [PRODUCTION_TAG] : []), ...(rng.chance(0.1) ? [VIP_TAG] : [])],
				online: r < 0.65 ? 'online' : r < 0.95 ? 'offline' : 'unknown',
				...(device.platform_name === 'Linux' ? { linuxSensorMode: rng.chance(0.34) ? ('User Mode' as const) : ('Kernel Mode' as const) } : {}),
				modifiedMs: Date.parse(device.last_seen),
			};
			this.entries.set(device.device_id, entry);
		}
		if (this.config().seed !== 'demo') return;
		// A few hosts an analyst contained or hid earlier, so the state shows in the demo data.
		const windows = this.fleet.devices.filter((device) => device.platform_name === 'Windows');
		for (const device of rng.sample(windows, 3)) {
			const entry = this.entries.get(device.device_id) as HostEntry;
			entry.state = 'contained';
			entry.online = 'online';
		}
		const visible = windows.filter((device) => this.entries.get(device.device_id)?.state === 'normal');
		(this.entries.get(rng.pick(visible).device_id) as HostEntry).hidden = true;
	}

	get size(): number {
		return this.entries.size;
	}

	/**
	 * Adds `count` synthetic Windows workstations (tests and benchmarks of fleets larger than the
	 * seed's): hostnames `SYN-000001`…, no groups, visible, not contained. Answers their device IDs.
	 */
	seedSynthetic(count: number): string[] {
		const ids: string[] = [];
		const base = this.entries.size;
		const cid = this.fleet.devices[0]?.cid ?? '0'.repeat(32);
		for (let i = 0; i < count; i++) {
			const n = base + i + 1;
			const seen = new Date(Date.parse('2025-01-06T09:00:00Z') - (n % 72) * 3_600_000).toISOString();
			const device: Device = {
				device_id: hashHex(`sandbox:synthetic-host:${n}`, 32),
				cid,
				hostname: `SYN-${String(n).padStart(6, '0')}`,
				platform_name: 'Windows',
				os_version: 'Windows 11',
				agent_version: '7.20.17308.0',
				local_ip: `10.${100 + Math.floor(n / 65_536) % 100}.${Math.floor(n / 256) % 256}.${n % 256}`,
				external_ip: '198.18.0.1',
				mac_address: hashHex(`sandbox:synthetic-mac:${n}`, 12).match(/../g)?.join('-') ?? '',
				username: 'synthetic',
				first_seen: seen,
				last_seen: seen,
				groups: [],
			};
			this.entries.set(device.device_id, { device, state: 'normal', changedMs: Date.parse(seen), hidden: false, groups: [], tags: [], online: 'online', modifiedMs: Date.parse(seen) });
			ids.push(device.device_id);
		}
		return ids;
	}

	entry(deviceId: string): HostEntry | undefined {
		return this.entries.get(deviceId.toLowerCase());
	}

	all(): HostEntry[] {
		return [...this.entries.values()];
	}

	/** The containment state now: a pending state that has waited long enough has taken effect. */
	statusOf(entry: HostEntry, now = Date.now()): ContainmentState {
		const end = PENDING_END[entry.state];
		if (end !== undefined && now - entry.changedMs >= this.config().containmentDelayMs) {
			entry.state = end;
			entry.changedMs += this.config().containmentDelayMs;
			entry.modifiedMs = entry.changedMs;
		}
		return entry.state;
	}

	/** The device record as the API answers it. */
	record(entry: HostEntry, now = Date.now()): DeviceRecord {
		const d = entry.device;
		const [major, minor] = d.agent_version.split('.');
		const rng = new Prng(`host-record:${d.device_id}`);
		return {
			device_id: d.device_id,
			cid: d.cid.toLowerCase(),
			agent_load_flags: '0',
			agent_local_time: d.last_seen,
			agent_version: d.agent_version,
			bios_manufacturer: rng.pick(MANUFACTURERS),
			bios_version: `${rng.int(1, 3)}.${rng.int(0, 30)}.${rng.int(0, 9)}`,
			config_id_base: '65994763',
			config_id_build: d.agent_version.split('.')[2] ?? '0',
			config_id_platform: d.platform_name === 'Windows' ? '3' : d.platform_name === 'Mac' ? '4' : '8',
			connection_ip: d.local_ip,
			connection_mac_address: d.mac_address,
			external_ip: d.external_ip,
			first_seen: d.first_seen,
			groups: [...entry.groups],
			host_hidden_status: entry.hidden ? 'hidden' : 'visible',
			hostname: d.hostname,
			last_seen: d.last_seen,
			...(entry.linuxSensorMode ? { linux_sensor_mode: entry.linuxSensorMode } : {}),
			local_ip: d.local_ip,
			mac_address: d.mac_address,
			machine_domain: d.platform_name === 'Windows' ? 'corp.example' : '',
			major_version: major ?? '',
			minor_version: minor ?? '',
			modified_timestamp: new Date(entry.modifiedMs).toISOString(),
			os_version: d.os_version,
			platform_id: PLATFORM_IDS[d.platform_name],
			platform_name: d.platform_name,
			product_type: d.os_version.includes('Server') || d.platform_name === 'Linux' ? '3' : '1',
			product_type_desc: d.os_version.includes('Server') || d.platform_name === 'Linux' ? 'Server' : 'Workstation',
			provision_status: 'Provisioned',
			reduced_functionality_mode: 'no',
			serial_number: rng.hex(12).toUpperCase(),
			site_name: d.hostname.split('-')[1] ?? '',
			status: this.statusOf(entry, now),
			system_manufacturer: rng.pick(MANUFACTURERS),
			system_product_name: d.platform_name === 'Mac' ? 'MacBookPro18,3' : 'Virtual Machine',
			tags: [...entry.tags],
		};
	}

	/** Visible (or, with `hidden`, hidden) hosts matching the filter, sorted. Throws ApiError(400) for a bad filter or sort. */
	query(filter: string | undefined, sort: string | undefined, hidden = false, now = Date.now()): HostEntry[] {
		const predicate = compileFilter(filter, hostFields(this, now));
		const specs = parseSort(sort, hostFields(this, now), { defaultSort: 'device_id.asc', tiebreaker: TIEBREAKER });
		const matching = this.all().filter((entry) => entry.hidden === hidden && (!predicate || predicate(entry)));
		return sortDocs(matching, specs).docs;
	}

	/**
	 * A scroll over a query: its result is kept (for SCROLL_TTL_MS after each use), and each page's
	 * cursor names the scroll and the position after that page.
	 */
	scroll(cursor: string | undefined, filter: string | undefined, sort: string | undefined, limit: number, now = Date.now()) {
		for (const [id, scroll] of this.scrolls) if (scroll.expiresMs <= now) this.scrolls.delete(id);
		let scrollId: string;
		let position = 0;
		if (cursor === undefined) {
			scrollId = randomUUID();
			this.scrolls.set(scrollId, { ids: this.query(filter, sort, false, now).map((entry) => entry.device.device_id), expiresMs: 0 });
		} else {
			const decoded = decodeScrollCursor(cursor);
			if (!this.scrolls.has(decoded.s)) throw new ApiError(400, 'The scroll offset has expired or is not valid: start the query again without an offset');
			scrollId = decoded.s;
			position = decoded.p;
		}
		const scroll = this.scrolls.get(scrollId) as { ids: string[]; expiresMs: number };
		scroll.expiresMs = now + SCROLL_TTL_MS;
		const ids = scroll.ids.slice(position, position + limit);
		return { ids, total: scroll.ids.length, offset: encodeScrollCursor(scrollId, position + ids.length), expiresAt: scroll.expiresMs };
	}

	/** PerformActionV2 on each device: accepted, or an error naming the device and why. */
	act(ids: string[], action: DeviceActionName, by: string, now = Date.now()): ActionOutcome {
		const outcome: ActionOutcome = { accepted: [], errors: [] };
		for (const id of ids) {
			const entry = this.entry(id);
			const refuse = (code: number, message: string) => outcome.errors.push({ code, message, id });
			if (!entry) {
				refuse(404, `Device '${id}' not found`);
				continue;
			}
			const problem = this.refusal(entry, action, now);
			if (problem) {
				refuse(problem.code, problem.message);
				continue;
			}
			this.apply(entry, action, now);
			this.actionLog.push({ device_id: entry.device.device_id, action, by, at: new Date(now).toISOString() });
			outcome.accepted.push(entry.device.device_id);
		}
		return outcome;
	}

	private refusal(entry: HostEntry, action: DeviceActionName, now: number): { code: number; message: string } | undefined {
		const id = entry.device.device_id;
		const status = this.statusOf(entry, now);
		switch (action) {
			case 'contain':
				if (entry.hidden) return { code: 400, message: `Device '${id}' is hidden: unhide it before containing it` };
				if (status === 'contained' || status === 'containment_pending') return { code: 409, message: `Device '${id}' is already contained (status ${status})` };
				if (status === 'lift_containment_pending') return { code: 409, message: `Device '${id}' is having its containment lifted` };
				if (entry.linuxSensorMode === 'User Mode') return { code: 400, message: `Containment is not supported on device '${id}': Linux sensor in user mode` };
				return undefined;
			case 'lift_containment':
				if (status === 'normal') return { code: 409, message: `Device '${id}' is not contained` };
				if (status === 'lift_containment_pending') return { code: 409, message: `Device '${id}' is already having its containment lifted` };
				return undefined;
			case 'hide_host':
				return entry.hidden ? { code: 409, message: `Device '${id}' is already hidden` } : undefined;
			case 'unhide_host':
				return entry.hidden ? undefined : { code: 409, message: `Device '${id}' is not hidden` };
			default:
				return undefined;
		}
	}

	private apply(entry: HostEntry, action: DeviceActionName, now: number): void {
		if (action === 'contain' || action === 'lift_containment') {
			entry.state = action === 'contain' ? 'containment_pending' : 'lift_containment_pending';
			entry.changedMs = now;
		} else if (action === 'hide_host' || action === 'unhide_host') {
			entry.hidden = action === 'hide_host';
		}
		entry.modifiedMs = now;
	}

	/** The visible hosts a group action's filter names. Throws ApiError(400) for a bad filter. */
	matching(filter: string, now = Date.now()): HostEntry[] {
		const predicate = compileFilter(filter, hostFields(this, now));
		return this.all().filter((entry) => !entry.hidden && (!predicate || predicate(entry)));
	}

	/** Adds or removes the group on each host; answers how many changed. */
	changeGroup(entries: HostEntry[], groupId: string, add: boolean, now = Date.now()): number {
		let changed = 0;
		for (const entry of entries) {
			const has = entry.groups.includes(groupId);
			if (has === add) continue;
			entry.groups = add ? [...entry.groups, groupId] : entry.groups.filter((group) => group !== groupId);
			entry.modifiedMs = now;
			changed++;
		}
		return changed;
	}

	/** The members of a group matching the filter, sorted. */
	members(groupId: string, filter: string | undefined, sort: string | undefined, now = Date.now()): HostEntry[] {
		return this.query(filter, sort, false, now).filter((entry) => entry.groups.includes(groupId));
	}
}

const TIEBREAKER: SortSpec<HostEntry> = { field: 'device_id', direction: 'asc', get: (e) => e.device.device_id };

/** The FQL filter and sort fields of hosts; `status` reads the state at `now`. */
export function hostFields(store: HostStore, now: number): FieldSchema<HostEntry> {
	const date = (value: string) => Date.parse(value);
	return {
		device_id: { type: 'string', get: (e) => e.device.device_id },
		cid: { type: 'string', get: (e) => e.device.cid },
		hostname: { type: 'string', get: (e) => e.device.hostname },
		platform_name: { type: 'string', get: (e) => e.device.platform_name },
		os_version: { type: 'string', get: (e) => e.device.os_version },
		agent_version: { type: 'string', get: (e) => e.device.agent_version },
		local_ip: { type: 'string', get: (e) => e.device.local_ip },
		'local_ip.raw': { type: 'string', get: (e) => e.device.local_ip, caseSensitive: true },
		external_ip: { type: 'string', get: (e) => e.device.external_ip },
		mac_address: { type: 'string', get: (e) => e.device.mac_address },
		status: { type: 'string', get: (e) => store.statusOf(e, now) },
		tags: { type: 'string', get: (e) => e.tags },
		groups: { type: 'string', get: (e) => e.groups },
		first_seen: { type: 'date', get: (e) => date(e.device.first_seen) },
		last_seen: { type: 'date', get: (e) => date(e.device.last_seen) },
		modified_timestamp: { type: 'date', get: (e) => e.modifiedMs },
		product_type_desc: { type: 'string', get: (e) => (e.device.os_version.includes('Server') || e.device.platform_name === 'Linux' ? 'Server' : 'Workstation') },
		linux_sensor_mode: { type: 'string', get: (e) => e.linuxSensorMode ?? null },
		site_name: { type: 'string', get: (e) => e.device.hostname.split('-')[1] ?? '' },
	};
}

function encodeScrollCursor(scrollId: string, position: number): string {
	return Buffer.from(JSON.stringify({ s: scrollId, p: position }), 'utf8').toString('base64url');
}

function decodeScrollCursor(cursor: string): { s: string; p: number } {
	try {
		const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown; p?: unknown };
		if (typeof parsed.s === 'string' && typeof parsed.p === 'number' && Number.isInteger(parsed.p) && parsed.p >= 0) return { s: parsed.s, p: parsed.p };
	} catch {
		// not a cursor of ours
	}
	throw new ApiError(400, 'The scroll offset has expired or is not valid: start the query again without an offset');
}
