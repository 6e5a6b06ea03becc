/**
 * The legacy custom-IOC API (service collection "IOCs"). Three read paths are still live and
 * answer the same data as IOC Management; the CRUD and query paths are decommissioned and
 * answer 404 so that a client using them is caught.
 */
import { ApiError } from '../../core/envelope';
import type { Handler } from '../../core/router';
import type { ServiceRegistrar } from '../../types';
import { deviceCountHandler, devicesRanOnHandler, processesRanOnHandler } from '../telemetry/handlers';

export const DECOMMISSIONED_MESSAGE = 'This endpoint has been decommissioned';

function decommissioned(replacement: string): Handler {
	return () => {
		throw new ApiError(404, [{ code: 404, message: `${DECOMMISSIONED_MESSAGE}: use ${replacement}` }]);
	};
}

const poweredBy = 'iocs';
/** iocapi.responseMeta has no powered_by; the 404s are the 200 envelope with resources []. */
const live = { poweredBy: false, errorResources: [404] } as const;

export const registerLegacyIocs: ServiceRegistrar = (router) => {
	router
		.get('/indicators/aggregates/devices-count/v1', deviceCountHandler('iocapi'), { operation: 'DevicesCount', ...live })
		.get('/indicators/queries/devices/v1', devicesRanOnHandler('iocapi'), { operation: 'DevicesRanOn', ...live })
		.get('/indicators/queries/processes/v1', processesRanOnHandler('iocapi'), { operation: 'ProcessesRanOn', ...live })
		.get('/indicators/entities/iocs/v1', decommissioned('GET /iocs/entities/indicators/v1'), { operation: 'GetIOC', poweredBy })
		.post('/indicators/entities/iocs/v1', decommissioned('POST /iocs/entities/indicators/v1'), { operation: 'CreateIOC', poweredBy })
		.patch('/indicators/entities/iocs/v1', decommissioned('PATCH /iocs/entities/indicators/v1'), { operation: 'UpdateIOC', poweredBy })
		.delete('/indicators/entities/iocs/v1', decommissioned('DELETE /iocs/entities/indicators/v1'), { operation: 'DeleteIOC', poweredBy })
		.get('/indicators/queries/iocs/v1', decommissioned('GET /iocs/queries/indicators/v1'), { operation: 'QueryIOCs', poweredBy });
};
