/**
 * Host groups of the demo tenant: the DEMO_HOST_GROUPS the fleet's devices belong to (always there,
 * like the fleet), plus any a test adds. Filtered by FQL (`name:*'fin*'`), sorted, paged by offset.
 */
import { compileFilter, type FieldSchema } from '../../core/fql';
import { hashHex } from '../../core/prng';
import { parseSort, sortDocs, type SortSpec } from '../../core/sort';
import { DEMO_HOST_GROUPS, SEED_EPOCH_MS } from '../seed-data';

export type HostGroupType = 'static' | 'dynamic' | 'staticByID';

/** A host group as the Host Group API answers it. */
export interface HostGroup {
	id: string;
	group_type: HostGroupType;
	name: string;
	description: string;
	assignment_rule: string;
	created_by: string;
	created_timestamp: string;
	modified_by: string;
	modified_timestamp: string;
}

interface HostGroupEntry {
	doc: HostGroup;
	createdMs: number;
	modifiedMs: number;
}

export const HOST_GROUP_FIELDS: FieldSchema<HostGroupEntry> = {
	id: { type: 'string', get: (e) => e.doc.id },
	name: { type: 'string', get: (e) => e.doc.name },
	group_type: { type: 'string', get: (e) => e.doc.group_type },
	description: { type: 'string', get: (e) => e.doc.description, sortable: false },
	created_by: { type: 'string', get: (e) => e.doc.created_by },
	created_timestamp: { type: 'date', get: (e) => e.createdMs },
	modified_by: { type: 'string', get: (e) => e.doc.modified_by },
	modified_timestamp: { type: 'date', get: (e) => e.modifiedMs },
};

const DEFAULT_SORT = 'name.asc';
const TIEBREAKER: SortSpec<HostGroupEntry> = { field: 'id', direction: 'asc', get: (e) => e.doc.id };
const DAY = 86_400_000;

export class HostGroupStore {
	private readonly byId = new Map<string, HostGroupEntry>();
	private added = 0;

	constructor() {
		this.reset();
	}

	get size(): number {
		return this.byId.size;
	}

	reset(): void {
		this.byId.clear();
		this.added = 0;
		DEMO_HOST_GROUPS.forEach((group, i) => {
			const createdMs = SEED_EPOCH_MS - (300 - i * 7) * DAY;
			this.insert({ id: group.id, name: group.name, description: `${group.name} (demo tenant)`, group_type: 'static' }, createdMs);
		});
	}

	/** Adds a group (tests, benchmarks): a fresh 32-hex id unless given. */
	add(group: { name: string; id?: string; description?: string; group_type?: HostGroupType }, now = Date.now()): HostGroup {
		this.added++;
		const id = (group.id ?? hashHex(`sandbox:host-group:added:${this.added}:${group.name}`, 32)).toLowerCase();
		return this.insert({ ...group, id }, now);
	}

	get(id: string): HostGroup | undefined {
		return this.byId.get(id.toLowerCase())?.doc;
	}

	/** Groups matching the filter, sorted (default by name). Throws ApiError(400) for a bad filter or sort. */
	query(filter: string | undefined, sort: string | undefined): HostGroup[] {
		const predicate = compileFilter(filter, HOST_GROUP_FIELDS);
		const specs = parseSort(sort, HOST_GROUP_FIELDS, { defaultSort: DEFAULT_SORT, tiebreaker: TIEBREAKER });
		const matching = [...this.byId.values()].filter((entry) => !predicate || predicate(entry));
		return sortDocs(matching, specs).docs.map((entry) => entry.doc);
	}

	private insert(group: { id: string; name: string; description?: string; group_type?: HostGroupType }, createdMs: number): HostGroup {
		const at = new Date(createdMs).toISOString();
		const doc: HostGroup = {
			id: group.id,
			group_type: group.group_type ?? 'static',
			name: group.name,
			description: group.description ?? '',
			assignment_rule: group.group_type === 'dynamic' ? "platform_name:'Windows'" : '',
			created_by: 'sandbox-admin@example.com',
			created_timestamp: at,
			modified_by: 'sandbox-admin@example.com',
			modified_timestamp: at,
		};
		this.byId.set(doc.id.toLowerCase(), { doc, createdMs, modifiedMs: createdMs });
		return doc;
	}
}
