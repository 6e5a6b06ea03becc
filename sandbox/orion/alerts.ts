/** The Indicator API: GET /orion/api/v1/applications/alerts/{from}/{to} (what the Orion trigger polls). */
import { reply, type Reply } from '../core/envelope';
import type { Handler } from '../core/router';
import { epochMs, OrionError, orionRoute } from './http';
import { ALERT_STATUSES, type AlertStatus } from './seed';

const MONTH_MS = 31 * 86_400_000;
export const MAX_ALERTS_PER_CALL = 30_000;

const alertsHandler: Handler = (ctx): Reply => {
	const from = epochMs(ctx.params.from, 'from');
	const to = epochMs(ctx.params.to, 'to');
	if (from > to) throw new OrionError(400, "'from' must not be after 'to'", 'InvalidInterval');
	if (to - from > MONTH_MS) throw new OrionError(400, 'The interval must not exceed one month', 'InvalidInterval');
	const statuses = ctx.query.strings('statuses').map((raw) => {
		const status = ALERT_STATUSES.find((known) => known.toLowerCase() === raw.toLowerCase());
		if (!status) throw new OrionError(400, `Unknown status '${raw}': use Pending, InProgress or Closed`, 'InvalidStatus');
		return status;
	});
	const muid = ctx.query.string('MUID')?.toUpperCase();
	const clientid = ctx.query.string('clientid');
	const machineName = ctx.query.string('machineName')?.toLowerCase();
	const huntingRule = ctx.query.string('huntingrule')?.toLowerCase();
	const caseId = ctx.query.string('Caseid');
	const showExcluded = ctx.query.bool('showExcluded', false) === true;
	const showDetails = ctx.query.bool('showDetails', true) === true;
	const alerts = ctx.state.orion.alerts
		.filter(
			(alert) =>
				alert.timestamp >= from &&
				alert.timestamp <= to &&
				(statuses.length === 0 || statuses.includes(alert.status as AlertStatus)) &&
				(muid === undefined || alert.MUID === muid) &&
				(clientid === undefined || alert.clientid === clientid) &&
				(machineName === undefined || alert.machineName.toLowerCase() === machineName) &&
				(huntingRule === undefined || alert.huntingRule.toLowerCase() === huntingRule) &&
				(caseId === undefined || alert.caseId === caseId) &&
				(showExcluded || !alert.excluded),
		)
		.slice(0, MAX_ALERTS_PER_CALL)
		.map((alert) => (showDetails ? { ...alert } : { ...alert, details: '' }));
	return reply(200, alerts);
};

export const ALERTS_PATH = '/orion/api/v1/applications/alerts/:from/:to';

export const alertsRoute = { path: ALERTS_PATH, handler: orionRoute('alerts', alertsHandler), operation: 'orionAlerts' };
