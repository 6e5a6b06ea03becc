/** Sample Uploads (FalconPy `SampleUploads`, gofalcon `sample_uploads`): the files Quick Scan scans. */
import type { FalconClient } from '../transport';
import { call, callRaw } from './call';
import { operations } from './operation';

export const sampleUploads = operations('sample_uploads', {
	// The same content always gets the same SHA256: sending it again after a failure is harmless.
	uploadSample: {
		operationId: 'UploadSampleV3',
		method: 'POST',
		path: '/samples/entities/samples/v3',
		params: { sample: 'formData', file_name: 'formData', comment: 'formData', is_confidential: 'formData' },
		idempotent: true,
	},
	getSample: { operationId: 'GetSampleV3', method: 'GET', path: '/samples/entities/samples/v3', params: { ids: 'query', password_protected: 'query' } },
	deleteSample: { operationId: 'DeleteSampleV3', method: 'DELETE', path: '/samples/entities/samples/v3', params: { ids: 'query' } },
});

/** multipart/form-data: the file as `sample`, its name as `file_name`. */
export async function uploadSample(client: FalconClient, form: FormData) {
	return await call(client, sampleUploads.uploadSample, { form });
}

/** The sample's bytes, or a password-protected zip of them. */
export async function downloadSample(client: FalconClient, sha256: string, passwordProtected: boolean, timeoutMs?: number) {
	return await callRaw(client, sampleUploads.getSample, { query: { ids: sha256, ...(passwordProtected ? { password_protected: true } : {}) } }, { timeoutMs });
}

export async function deleteSample(client: FalconClient, sha256: string) {
	return await call<typeof sampleUploads.deleteSample, string>(client, sampleUploads.deleteSample, { query: { ids: sha256 } });
}
