import { sleep, type IDataObject } from 'n8n-workflow';

import type { Wanted } from '../../common/return-all';
import type { FalconClient } from './client';
import type { FalconEnvelope, FalconMeta, FalconRequest } from './types';

export type { Wanted };

export interface Collected<T> {
	resources: T[];
	/** The meta of the last page (quota, total). */
	meta: FalconMeta;
	requests: number;
}

function pageLimit(wanted: Wanted, collected: number, pageSize: number): number {
	return wanted.returnAll ? pageSize : Math.min(pageSize, wanted.limit - collected);
}

function done(wanted: Wanted, count: number, page: FalconEnvelope<unknown>, size: number): boolean {
	const got = page.resources?.length ?? 0;
	const total = page.meta.pagination?.total;
	if (got === 0 || got < size) return true;
	if (!wanted.returnAll && count >= wanted.limit) return true;
	return total !== undefined && count >= total;
}

/** Where a query takes its paging (`limit`, `after`, `offset`): the query string, or the JSON body (the combined alerts search). */
export type CursorIn = 'query' | 'body';

function withPage(request: FalconRequest, where: CursorIn, paging: IDataObject): FalconRequest {
	if (where === 'body') return { ...request, body: { ...(request.body as IDataObject | undefined), ...paging } };
	return { ...request, qs: { ...request.qs, ...paging } };
}

/** Where the page after `page` starts (the paging parameters that say so), or undefined when there is none. */
type NextPage = (page: FalconEnvelope<unknown>, collected: number, sent: IDataObject) => IDataObject | undefined;

/** How a query pages, and what each page's resources become. */
export interface PageOptions<T, U> {
	first?: IDataObject;
	where?: CursorIn;
	/**
	 * Turns one page's resources into what is collected (output items, say). It runs once the next
	 * page's request has left, so a Return All spends its own work inside the API's latency.
	 */
	mapPage?: (resources: T[]) => U[];
}

/**
 * Lets a request just made leave before a long synchronous step: the promise chain that sends it
 * runs only once the current code yields. Its failure is not lost meanwhile: it is awaited (and
 * thrown) at the next turn of the loop.
 */
async function letItLeave(pending: Promise<unknown>): Promise<void> {
	pending.catch(() => undefined);
	await sleep(0);
}

/** Pages through a query, each page's request asking for what is still wanted, until the API has no more. */
async function collectPages<T, U = T>(
	client: FalconClient,
	request: FalconRequest,
	wanted: Wanted,
	pageSize: number,
	next: NextPage,
	options: PageOptions<T, U> = {},
): Promise<Collected<U>> {
	const collected: U[] = [];
	const mapPage = options.mapPage ?? ((resources: T[]) => resources as unknown as U[]);
	const where = options.where ?? 'query';
	let count = 0;
	let requests = 0;
	let size = pageLimit(wanted, 0, pageSize);
	let sent: IDataObject = options.first ?? {};
	let pending = client.request<T>(withPage(request, where, { limit: size, ...sent }));
	for (;;) {
		const page: FalconEnvelope<T> = await pending;
		requests++;
		const got = page.resources ?? [];
		count += got.length;
		const position = next(page, count, sent);
		const finished = done(wanted, count, page, size) || position === undefined;
		if (!finished) {
			sent = position;
			size = pageLimit(wanted, count, pageSize);
			pending = client.request<T>(withPage(request, where, { limit: size, ...position }));
			if (options.mapPage) await letItLeave(pending);
		}
		for (const value of mapPage(got)) collected.push(value);
		if (finished) return { resources: collected, meta: page.meta, requests };
	}
}

/**
 * Pages through a query with the `after` cursor (IOC Management, Alerts), which goes past the
 * 10,000 results that offset paging allows.
 */
export async function collectByCursor<T = IDataObject, U = T>(
	client: FalconClient,
	request: FalconRequest,
	wanted: Wanted,
	pageSize: number,
	options: Omit<PageOptions<T, U>, 'first'> = {},
): Promise<Collected<U>> {
	return await collectPages<T, U>(
		client,
		request,
		wanted,
		pageSize,
		(page) => {
			const after = page.meta.pagination?.after;
			return after ? { after } : undefined;
		},
		options,
	);
}

/** Pages through a query by offset (Quick Scan, Quarantine, reference data, host groups). */
export async function collectByOffset<T = IDataObject>(client: FalconClient, request: FalconRequest, wanted: Wanted, pageSize: number): Promise<Collected<T>> {
	const start = Number(request.qs?.offset ?? 0);
	return await collectPages<T>(client, request, wanted, pageSize, (_page, collected) => ({ offset: start + collected }), { first: { offset: start } });
}

/** The offset of the page after `page`: the cursor the API handed back, or a number moved on by what came. */
function nextOffset(sent: unknown, page: FalconEnvelope<unknown>): string | number | undefined {
	const told = page.meta.pagination?.offset;
	const got = page.resources?.length ?? 0;
	if (typeof told === 'string' && told !== '' && !/^\d+$/.test(told)) return told === sent ? undefined : told;
	const number = told === undefined || told === '' ? undefined : Number(told);
	const current = Number(sent ?? 0);
	if (number === undefined || !Number.isFinite(number)) return undefined;
	// A number that only repeats where this page started moves on by the page; a larger one is where the next starts.
	return number > current ? number : current + got;
}

/**
 * Pages through a query whose `offset` is a cursor the API hands back (api.DetectsQueryPaging: a
 * string, no total), as the devices and processes an indicator ran on are listed. A numeric offset
 * is read too.
 */
export async function collectByNextOffset<T = IDataObject>(client: FalconClient, request: FalconRequest, wanted: Wanted, pageSize: number): Promise<Collected<T>> {
	return await collectPages<T>(client, request, wanted, pageSize, (page, _collected, sent) => {
		const offset = nextOffset(sent.offset, page);
		return offset === undefined ? undefined : { offset };
	});
}

/**
 * Pages through a scroll query (QueryDevicesByFilterScroll): every page hands back the cursor of
 * the next in `meta.pagination.offset` (a string, valid for two minutes, possibly the same text each
 * time, so a repeat is not an end), with no 10,000 window. The query ends on a short page, at the
 * total, or without a cursor.
 */
export async function collectByScroll<T = IDataObject>(client: FalconClient, request: FalconRequest, wanted: Wanted, pageSize: number): Promise<Collected<T>> {
	return await collectPages<T>(client, request, wanted, pageSize, (page) => {
		const told = page.meta.pagination?.offset;
		return told === undefined || told === '' ? undefined : { offset: String(told) };
	});
}
