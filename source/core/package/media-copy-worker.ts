// Copies a package's media files on a worker thread while the main thread merges the collection:
// the copy waits on the disk (a file created per media file), the merge on the CPU, so together
// they take about as long as the longer one. The worker only accelerates: it stops at the first
// problem, and the main thread copies whatever is left itself and reports any error as usual.
import {parentPort, workerData} from 'node:worker_threads';
import {MediaIndex, type MediaCopyJob} from './media-index.js';
import {ZipReader} from './zip-reader.js';

/** Progress is posted every this many files (and at the end). */
const reportEvery = 32;

async function copy(job: MediaCopyJob): Promise<void> {
	const zip = await ZipReader.open(job.packageFile);
	let copied = 0;
	try {
		const media = new MediaIndex(job.packageFile, zip, job.entries, job.zstd, job.limits, job.zstdEngine);
		for (const file of job.files) {
			await media.extract(file.source, job.destDir, file.target);
			copied++;
			if (copied % reportEvery === 0) parentPort!.postMessage({copied});
		}
	} catch {
		// The main thread meets the same problem on this file and reports it.
	} finally {
		zip.close();
		parentPort!.postMessage({copied});
	}
}

void copy(workerData as MediaCopyJob);
