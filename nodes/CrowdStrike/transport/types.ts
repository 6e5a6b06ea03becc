import type { IDataObject } from 'n8n-workflow';

import type { ApiRequest, RawResponse } from '../../common/transport';

export interface FalconPagination {
	offset?: number | string;
	limit?: number;
	total?: number;
	after?: string;
}

export interface FalconMeta extends IDataObject {
	trace_id?: string;
	pagination?: FalconPagination;
	quota?: IDataObject;
	writes?: IDataObject;
}

export interface FalconApiErrorEntry extends IDataObject {
	code?: number;
	message?: string;
	id?: string;
}

export interface FalconEnvelope<T = IDataObject> {
	meta: FalconMeta;
	resources: T[] | null;
	errors: FalconApiErrorEntry[] | null;
	/** The HTTP status of the answer (an accepted error status among them). */
	status?: number;
}

/** A Falcon request: the transport core's, as the api tables build it. */
export type FalconRequest = ApiRequest;

export type FalconRawResponse = RawResponse;
