import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { unknownOutcomeError } from '../../../common/transport';
import { quotaOf, uploadFile } from '../../api/quick-scan-pro';
import { uploadedSha256, type FileContent } from '../../shared/file-input';
import type { FalconClient } from '../../transport';

export interface UploadedFile {
	sha256: string;
	/** Set when the upload also started the scan (`scan` true). */
	scanId?: string;
	quota?: IDataObject;
}

/**
 * UploadFileMixin0Mixin93 as multipart/form-data: the file as `file` (named by the part's
 * filename), `scan`, and the archive's `password` when the upload starts the scan. An upload that
 * starts a scan whose answer is lost fails as an unknown outcome (a scan may have started).
 */
export async function uploadToQuickScanPro(
	client: FalconClient,
	ctx: IExecuteFunctions,
	file: FileContent,
	settings: { startScan: boolean; password?: string },
): Promise<UploadedFile> {
	const form = new FormData();
	form.append('file', new Blob([file.data]), file.fileName);
	form.append('scan', String(settings.startScan));
	if (settings.startScan && settings.password) form.append('password', settings.password);
	const outcome = await uploadFile(client, form, settings.startScan);
	if ('unconfirmed' in outcome) throw unknownOutcomeError(ctx.getNode(), `the upload and scan of "${file.fileName}"`, outcome.unconfirmed);
	const { envelope } = outcome;
	const record = (envelope.resources ?? [])[0];
	const sha256 = uploadedSha256(ctx, file, record?.sha256, envelope.meta.trace_id);
	const scanId = typeof record?.scan_id === 'string' && record.scan_id !== '' ? record.scan_id : undefined;
	const quota = quotaOf(envelope.meta);
	return { sha256, ...(scanId ? { scanId } : {}), ...(quota ? { quota } : {}) };
}
