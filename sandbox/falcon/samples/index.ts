/**
 * Sample Uploads (service collection "SampleUploads", v3): what Quick Scan needs to scan a file.
 * Upload takes multipart/form-data (`sample` file, `file_name`, `comment`, `is_confidential`),
 * refuses samples above `config.maxSampleBytes` (256 MB, the API's limit); download answers the
 * file, or a ZIP protected with the password "infected" when `password_protected=true`.
 */
import { ApiError, ok } from '../../core/envelope';
import type { Handler, RequestContext } from '../../core/router';
import type { ServiceRegistrar } from '../../types';
import { SAMPLE_ZIP_PASSWORD } from './store';
import { zipSingleEntry } from './zip';

export const SAMPLES_PATH = '/samples/entities/samples/v3';

const SHA256 = /^[a-f0-9]{64}$/;

function flag(value: string | undefined, name: string, fallback: boolean): boolean {
	if (value === undefined || value.trim() === '') return fallback;
	const v = value.trim().toLowerCase();
	if (v === 'true' || v === '1') return true;
	if (v === 'false' || v === '0') return false;
	throw new ApiError(400, `Invalid value for '${name}': '${value}' is not a boolean`);
}

/** The one sample id (a SHA-256) a download or delete names. */
function oneSampleId(ctx: RequestContext): string {
	const ids = ctx.query.uniqueStrings('ids');
	if (ids.length === 0) throw new ApiError(400, 'ids is required: the SHA256 of the sample');
	if (ids.length > 1) throw new ApiError(400, 'ids must name exactly one sample');
	const id = ids[0].toLowerCase();
	if (!SHA256.test(id)) throw new ApiError(400, `Invalid sample id '${ids[0]}': a sample id is a SHA256 (64 hexadecimal characters)`);
	return id;
}

function sampleNotFound(sha256: string): ApiError {
	return new ApiError(404, [{ code: 404, message: `Sample with SHA256 '${sha256}' not found`, id: sha256 }]);
}

/** POST multipart: sample (file, R), file_name (R), comment, is_confidential (default true). */
export const uploadSample: Handler = (ctx) => {
	if (ctx.bodyKind !== 'multipart') {
		throw new ApiError(400, 'The request must be multipart/form-data with the file in the field "sample" and its name in "file_name"');
	}
	const file = ctx.files?.find((f) => f.field === 'sample');
	if (!file) throw new ApiError(400, 'sample is required: the file, in the multipart field "sample"');
	const limit = ctx.config.maxSampleBytes;
	if (file.size > limit) {
		throw new ApiError(413, `The sample is ${file.size} bytes: samples may be at most ${limit} bytes (256 MB)`);
	}
	if (file.size === 0) throw new ApiError(400, 'The sample is empty');
	const fileName = (ctx.form?.file_name?.[0] ?? '').trim();
	if (fileName === '') throw new ApiError(400, 'file_name is required');
	if (fileName.length > 255) throw new ApiError(400, 'file_name must be at most 255 characters');
	const comment = ctx.form?.comment?.[0];
	const isConfidential = flag(ctx.form?.is_confidential?.[0], 'is_confidential', true);
	const sample = ctx.state.samples.put(
		file.data,
		{ file_name: fileName, comment, is_confidential: isConfidential, uploaded_by: ctx.principal?.clientId ?? 'unknown' },
		Date.now(),
	);
	return ok(ctx, [{ sha256: sample.sha256, file_name: sample.file_name }]);
};

/** GET ?ids=<sha256>&password_protected=bool: the file itself, or a ZIP protected with "infected". */
export const downloadSample: Handler = (ctx) => {
	const id = oneSampleId(ctx);
	const protect = ctx.query.bool('password_protected', false) === true;
	const sample = ctx.state.samples.get(id);
	if (!sample) throw sampleNotFound(id);
	if (!protect) {
		return { status: 200, raw: sample.data, contentType: 'application/octet-stream' };
	}
	const zip = zipSingleEntry({ name: sample.sha256, data: sample.data, password: SAMPLE_ZIP_PASSWORD, modified: new Date(sample.created_timestamp) });
	return { status: 200, raw: zip, contentType: 'application/zip' };
};

/** DELETE ?ids=<sha256>: the deleted id in resources. */
export const deleteSample: Handler = (ctx) => {
	const id = oneSampleId(ctx);
	if (!ctx.state.samples.remove(id)) throw sampleNotFound(id);
	return ok(ctx, [id]);
};

const poweredBy = 'samplestore';

export const registerSampleUploads: ServiceRegistrar = (router) => {
	router
		.post(SAMPLES_PATH, uploadSample, { operation: 'UploadSampleV3', poweredBy, errorResources: [400, 500] })
		.get(SAMPLES_PATH, downloadSample, { operation: 'GetSampleV3', poweredBy })
		.delete(SAMPLES_PATH, deleteSample, { operation: 'DeleteSampleV3', poweredBy, errorResources: [400, 403, 404, 500] });
};
