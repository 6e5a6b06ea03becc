/** The IOC API: /orion/api/v1/applications/iocs/{iocType}[/eraser|/getter|/retrospectivesearcher]. */
import { delay } from '../core/latency';
import { reply, type Reply } from '../core/envelope';
import type { Handler, RequestContext } from '../core/router';
import { epochMs, OrionError, orionRoute } from './http';
import { normalizeValue, orionType, VALUE_FIELD, type OrionType, type StoredIoc } from './state';

const VALUE_FIELDS = ['hash', 'url', 'ip', 'domain'];
const DESCRIPTIVE_FIELDS = ['additionalData', 'source', 'policy', 'description'];

function typeOf(ctx: RequestContext): OrionType {
	const type = orionType(ctx.params.iocType ?? '');
	if (!type) {
		throw new OrionError(400, `Unknown IOC type '${ctx.params.iocType}': use FileHashIoc, UrlIoc, IPIoc or DomainIoc`, 'InvalidIocType');
	}
	return type;
}

/** A field of a body element, by name, case-insensitively (as ASP.NET binds JSON). */
function field(element: Record<string, unknown>, name: string): unknown {
	const key = Object.keys(element).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : element[key];
}

interface Element {
	value: string;
	fields: Record<string, unknown>;
	days: number;
}

/** The JSON list of IOCs of one type, each checked as the platform checks it. */
function elementsOf(ctx: RequestContext, type: OrionType): Element[] {
	if (ctx.bodyKind !== 'json') {
		throw new OrionError(415, 'The body must be a JSON list (Content-Type: application/json-patch+json)', 'UnsupportedMediaType');
	}
	if (!Array.isArray(ctx.body) || ctx.body.length === 0) {
		throw new OrionError(400, 'The body must be a non-empty JSON list of IOCs', 'InvalidBody');
	}
	return ctx.body.map((raw, position) => {
		if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
			throw new OrionError(400, `IOC ${position} is not a JSON object`, 'InvalidBody');
		}
		const element = raw as Record<string, unknown>;
		const named = VALUE_FIELDS.filter((name) => field(element, name) !== undefined);
		if (named.length !== 1 || named[0] !== VALUE_FIELD[type]) {
			throw new OrionError(400, `IOC ${position}: an IOC of a ${type} call has exactly one value field, '${VALUE_FIELD[type]}'`, 'InvalidIoc');
		}
		const checked = normalizeValue(type, field(element, VALUE_FIELD[type]));
		if ('problem' in checked) throw new OrionError(400, `IOC ${position}: ${checked.problem}`, 'InvalidIoc');
		const fields: Record<string, unknown> = {};
		for (const name of DESCRIPTIVE_FIELDS) {
			const value = field(element, name);
			if (value !== undefined && value !== null) fields[name] = value;
		}
		const rawDays = field(element, 'daysToExpiration');
		const days = rawDays === undefined || rawDays === null ? 0 : Number(rawDays);
		if (!Number.isInteger(days) || days < 0) throw new OrionError(400, `IOC ${position}: daysToExpiration must be a whole number >= 0`, 'InvalidIoc');
		return { value: checked.value, fields, days };
	});
}

function iso(ms: number | null): string | null {
	return ms === null ? null : new Date(ms).toISOString();
}

/** An IOC as the listing calls answer it. */
export function listed(ioc: StoredIoc): Record<string, unknown> {
	return {
		IocType: ioc.type,
		KeyValueAsString: ioc.key,
		IocJson: ioc.iocJson,
		DeploymentDateUTC: iso(ioc.deployedAt),
		ExpirationDateUTC: iso(ioc.expiresAt),
		LastRetroScanUTC: iso(ioc.lastRetroScanAt),
		PandaAlertId: ioc.pandaAlertId,
	};
}

const importHandler: Handler = (ctx): Reply => {
	const type = typeOf(ctx);
	const elements = elementsOf(ctx, type);
	const retrospective = ctx.query.bool('retrospective', false) === true;
	const { count, pandaAlertId } = ctx.state.orion.importIocs(type, elements, retrospective);
	return reply(200, { success: true, message: `${count} ${type} added`, error: null, PandaAlertId: pandaAlertId });
};

const eraserHandler: Handler = (ctx): Reply => {
	const type = typeOf(ctx);
	const { count, pandaAlertId } = ctx.state.orion.eraseIocs(type, elementsOf(ctx, type).map((element) => element.value));
	return reply(200, { success: true, message: `${count} ${type} deleted`, error: null, PandaAlertId: pandaAlertId });
};

const getterHandler: Handler = (ctx): Reply => {
	const type = typeOf(ctx);
	return reply(200, ctx.state.orion.findIocs(type, elementsOf(ctx, type).map((element) => element.value)).map(listed));
};

const listHandler: Handler = (ctx): Reply => {
	const type = typeOf(ctx);
	// The vendor's page calls from/to body parameters of this GET; they are read from the query first.
	const body = ctx.body !== null && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? (ctx.body as Record<string, unknown>) : {};
	const pick = (name: string) => ctx.query.string(name) ?? field(body, name);
	if (pick('from') === undefined || pick('to') === undefined) throw new OrionError(400, "'from' and 'to' (Unix milliseconds) are required", 'MissingParameter');
	const from = epochMs(pick('from'), 'from');
	const to = epochMs(pick('to'), 'to');
	if (from > to) throw new OrionError(400, "'from' must not be after 'to'", 'InvalidInterval');
	const rawDeleted = pick('includeDeleted');
	const includeDeleted = rawDeleted === true || String(rawDeleted).toLowerCase() === 'true';
	return reply(200, ctx.state.orion.iocsByDate(type, from, to, includeDeleted).map(listed));
};

const retrospectiveHandler: Handler = async (ctx): Promise<Reply> => {
	const type = typeOf(ctx);
	const elements = elementsOf(ctx, type);
	const took = ctx.config.orionRetrospectiveDelayMs;
	const limit = ctx.config.orionRetrospectiveLimitMs;
	await delay(Math.min(took, limit));
	if (took > limit) {
		// The real service drops the connection without results; the sandbox says so with a 504.
		throw new OrionError(504, `The retrospective search did not finish within ${Math.round(limit / 1000)} seconds`, 'Timeout');
	}
	return reply(200, ctx.state.orion.retrospective(type, elements));
};

export const IOCS_PATH = '/orion/api/v1/applications/iocs/:iocType';

export function iocRoutes(): Array<{ method: 'GET' | 'POST'; path: string; handler: Handler; operation: string }> {
	return [
		{ method: 'POST', path: IOCS_PATH, handler: orionRoute('import', importHandler), operation: 'orionIocImport' },
		{ method: 'GET', path: IOCS_PATH, handler: orionRoute('list', listHandler), operation: 'orionIocListByDate' },
		{ method: 'POST', path: `${IOCS_PATH}/eraser`, handler: orionRoute('eraser', eraserHandler), operation: 'orionIocDelete' },
		{ method: 'POST', path: `${IOCS_PATH}/getter`, handler: orionRoute('getter', getterHandler), operation: 'orionIocGetter' },
		{
			method: 'POST',
			path: `${IOCS_PATH}/retrospectivesearcher`,
			handler: orionRoute('retrospective', retrospectiveHandler),
			operation: 'orionIocRetrospectiveSearch',
		},
	];
}
