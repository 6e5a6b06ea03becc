import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchHostGroups as queryHostGroups } from '../api/host-group';
import { FalconClient } from '../transport';
import { fqlQuote } from './schemas';

/** Host groups per page of the list. */
const PAGE_SIZE = 100;

/**
 * Host groups for a resource locator (the IOC node's indicator host groups, the Host node's host
 * group): by name, case-insensitive, anywhere in the name (`name:*'*text*'`), sorted by name, a
 * page at a time (the token is the next offset).
 */
export async function searchHostGroups(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const offset = Math.max(0, Number.parseInt(paginationToken ?? '0', 10) || 0);
	const text = (filter ?? '').trim();
	const page = await queryHostGroups(new FalconClient(this), {
		sort: 'name.asc',
		offset,
		limit: PAGE_SIZE,
		...(text ? { filter: `name:*${fqlQuote(`*${text}*`)}` } : {}),
	});
	const groups = page.resources ?? [];
	const next = offset + groups.length;
	const total = page.meta.pagination?.total;
	const more = groups.length === PAGE_SIZE && (total === undefined || next < Number(total));
	return {
		results: groups.map((group) => ({
			name: String(group.name ?? group.id),
			value: String(group.id),
			...(group.description ? { description: String(group.description) } : {}),
		})),
		...(more ? { paginationToken: String(next) } : {}),
	};
}
