/**
 * The legacy custom-IOC API (service collection "IOCs"). Three read paths are still live and
 * answer the same data as IOC Management; the CRUD and query paths are decommissioned and
 * answer 404 so that a client using them is caught.
 */
import { ApiError } from '../../core/envelope';
import type { Handler } from '../../core/router';
import type { ServiceRegistrar } from '../../types';
import { deviceCount, devicesRanOn, processesRanOn } from '../telemetry/handlers';

export const DECOMMISSIONED_MESSAGE = 'This endpoint has been decommissioned';

function decommissioned(replacement: string): Handler {
	return () => {
		throw new ApiError(404, [{ code: 404, message: DECOMMISSIONED_MESSAGE, replacement }]);
	};
}

const poweredBy = 'iocs';

export const registerLegacyIocs: ServiceRegistrar = (router) => {
	router
		.get('/indicators/aggregates/devices-count/v1', deviceCount, { operation: 'DevicesCount', poweredBy })
		.get('/indicators/queries/devices/v1', devicesRanOn, { operation: 'DevicesRanOn', poweredBy })
		.get('/indicators/queries/processes/v1', processesRanOn, { operation: 'ProcessesRanOn', poweredBy })
		.get('/indicators/entities/iocs/v1', decommissioned('GET /iocs/entities/indicators/v1'), { operation: 'GetIOC', poweredBy })
		.post('/indicators/entities/iocs/v1', decommissioned('POST /iocs/entities/indicators/v1'), { operation: 'CreateIOC', poweredBy })
		.patch('/indicators/entities/iocs/v1', decommissioned('PATCH /iocs/entities/indicators/v1'), { operation: 'UpdateIOC', poweredBy })
		.delete('/indicators/entities/iocs/v1', decommissioned('DELETE /iocs/entities/indicators/v1'), { operation: 'DeleteIOC', poweredBy })
		.get('/indicators/queries/iocs/v1', decommissioned('GET /iocs/queries/indicators/v1'), { operation: 'QueryIOCs', poweredBy });
};
