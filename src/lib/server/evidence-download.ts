/**
 * An uploaded evidence file as a download: always an attachment with its own type and nosniff, so a
 * page someone uploaded never runs as part of Pacer, and never cached by shared caches. Callers
 * check who may read it first (the task's or the request's rules).
 */
export function evidenceDownload(file: { content: Uint8Array; contentType: string; fileName: string; size: number }): Response {
	return new Response(new Uint8Array(file.content), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'x-content-type-options': 'nosniff',
			'content-length': String(file.size),
			'cache-control': 'private, max-age=0'
		}
	});
}
