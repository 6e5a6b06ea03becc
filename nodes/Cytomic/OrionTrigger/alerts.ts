/**
 * The alerts ("indicators" in Orion's console) of `GET /alerts/{from}/{to}`: Unix milliseconds,
 * intervals of at most one month, the first 30,000 alerts of an interval. Longer gaps are read in
 * windows; a window that comes back full is read again in halves.
 */
import type { IDataObject } from 'n8n-workflow';

import { callOrion, orion } from '../api';
import type { OrionClient } from '../transport';

const DAY_MS = 86_400_000;

/** The API refuses intervals longer than one month: windows of 30 days stay below any month. */
export const WINDOW_MS = 30 * DAY_MS;

/** The API answers the first 30,000 alerts of an interval. */
export const MAX_ALERTS_PER_CALL = 30_000;

/** A full window is not split below this width (an alert storm within one second is read as it comes). */
const MIN_SPLIT_MS = 1000;

export const ALERT_STATUSES = ['Pending', 'InProgress', 'Closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export interface AlertQuery {
	/** Empty: every status. */
	statuses: AlertStatus[];
	machineName?: string;
	huntingRule?: string;
	showExcluded: boolean;
}

export interface Alert {
	id: string;
	ts: number;
	record: IDataObject;
}

/** The alert's time: `timestamp` (Unix ms, or seconds below 10^11), else `alertDateTime`. */
function alertTime(record: IDataObject): number | undefined {
	const raw = record.timestamp;
	if (typeof raw === 'number' && Number.isFinite(raw)) return raw < 1e11 ? raw * 1000 : raw;
	for (const value of [raw, record.alertDateTime]) {
		if (typeof value === 'string' && value.trim() !== '') {
			const ms = /^\d+$/.test(value.trim()) ? Number(value) : Date.parse(value);
			if (Number.isFinite(ms)) return ms;
		}
	}
	return undefined;
}

/**
 * The `statuses` filter as requests: none for every status, else one request per chosen status, so
 * that no list format has to be guessed (the documentation names the parameter, not its format).
 */
function statusRounds(statuses: AlertStatus[]): Array<AlertStatus | undefined> {
	const chosen = [...new Set(statuses)];
	return chosen.length === 0 || chosen.length === ALERT_STATUSES.length ? [undefined] : chosen;
}

async function readWindow(client: OrionClient, query: AlertQuery, status: AlertStatus | undefined, from: number, to: number): Promise<IDataObject[]> {
	const qs: IDataObject = {
		...(status ? { statuses: status } : {}),
		...(query.machineName ? { machineName: query.machineName } : {}),
		...(query.huntingRule ? { huntingrule: query.huntingRule } : {}),
		...(query.showExcluded ? { showExcluded: true } : {}),
	};
	const answer = await callOrion(client, orion.getAlerts, { path: { from: String(from), to: String(to) }, query: qs });
	const alerts = Array.isArray(answer) ? (answer as IDataObject[]) : [];
	if (alerts.length < MAX_ALERTS_PER_CALL || to - from < MIN_SPLIT_MS) return alerts;
	// Full: there may be more. The halves share their middle millisecond; duplicates are dropped later.
	const middle = Math.floor((from + to) / 2);
	return [...(await readWindow(client, query, status, from, middle)), ...(await readWindow(client, query, status, middle, to))];
}

/** Every alert of [from, to], each once, oldest first (then by id). */
export async function alertsBetween(client: OrionClient, query: AlertQuery, from: number, to: number): Promise<Alert[]> {
	const byId = new Map<string, Alert>();
	for (const status of statusRounds(query.statuses)) {
		for (let start = from; start <= to; start += WINDOW_MS) {
			const end = Math.min(to, start + WINDOW_MS);
			for (const record of await readWindow(client, query, status, start, end)) {
				const ts = alertTime(record);
				const id = record.id === undefined || record.id === null ? undefined : String(record.id);
				if (id !== undefined && ts !== undefined) byId.set(id, { id, ts, record });
			}
			if (end === to) break;
		}
	}
	return [...byId.values()].sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
