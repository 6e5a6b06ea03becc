import type { ApiRequest, RawResponse } from '../../common/transport';

/** An Orion request, relative to the credential's API base URL (e.g. `/iocs/IPIoc/getter/`); a JSON body is sent as `application/json-patch+json`. */
export type OrionRequest = ApiRequest & { method: 'GET' | 'POST' };

export type OrionResponse<T> = RawResponse & { body: T };
