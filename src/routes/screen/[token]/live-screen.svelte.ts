/**
 * The screen's side of the live stream. It keeps the last payload whatever happens; on a stream
 * error or a silence longer than three heartbeats it notes since when the connection is lost and
 * reconnects with backoff; on reconnecting it catches up without a reload. A new build on the
 * server is loaded only after the page has answered from it, and a revoked board reloads into the
 * refusal page: the display never shows a browser error page.
 */
import { version as appVersion } from '$app/environment';
import { route } from '$lib/route';
import { backoffMs, silenceLimitMs } from '$lib/screen/backoff';
import { changedKeys } from '$lib/screen/diff';
import type { ScreenPayload } from '$lib/domain/screen-payload';

/** How long a changed value stays highlighted. */
const HIGHLIGHT_MS = 8000;

export class LiveScreen {
	// Replaced whole on every update, never changed in place: no deep proxies over it.
	payload = $state.raw() as ScreenPayload;
	/** When the connection was lost; null while connected. */
	lostSince = $state<Date | null>(null);
	/** The server's last word (payload or heartbeat). */
	checkedAt = $state(new Date());
	/** Keys of values that just changed (see changedKeys). */
	highlighted = $state<string[]>([]);
	/** Streams opened so far; tests and the benchmark read it to see reconnections. */
	connections = $state(0);

	#token: string;
	#source: EventSource | null = null;
	#attempt = 0;
	#silenceLimit = silenceLimitMs(5000);
	#timers = { retry: 0, silence: 0, highlight: 0 };
	#stopped = false;
	#reloading = false;

	constructor(token: string, initial: ScreenPayload) {
		this.#token = token;
		this.payload = initial;
	}

	start() {
		this.#stopped = false;
		this.#connect();
	}

	stop() {
		this.#stopped = true;
		this.#source?.close();
		this.#source = null;
		for (const timer of Object.values(this.#timers)) clearTimeout(timer);
	}

	#connect() {
		if (this.#stopped) return;
		const source = new EventSource(route.screenEvents(this.#token, this.payload.version));
		this.#source = source;
		this.connections++;
		this.#watchSilence();
		source.addEventListener('hello', (e) => {
			const hello = JSON.parse(e.data) as { appVersion: string; heartbeatMs: number };
			this.#silenceLimit = silenceLimitMs(hello.heartbeatMs);
			this.#alive(hello.appVersion);
		});
		source.addEventListener('heartbeat', (e) => this.#alive((JSON.parse(e.data) as { appVersion: string }).appVersion));
		source.addEventListener('payload', (e) => {
			this.#alive(null);
			this.#apply(JSON.parse(e.data) as ScreenPayload);
		});
		source.addEventListener('revoked', () => this.#reload());
		// EventSource would retry by itself at a fixed pace; the screen retries with its own backoff instead.
		source.onerror = () => this.#lost();
	}

	#alive(serverVersion: string | null) {
		this.#attempt = 0;
		this.lostSince = null;
		this.checkedAt = new Date();
		this.#watchSilence();
		if (serverVersion && serverVersion !== appVersion) this.#reload();
	}

	#watchSilence() {
		clearTimeout(this.#timers.silence);
		this.#timers.silence = window.setTimeout(() => this.#lost(), this.#silenceLimit);
	}

	#lost() {
		if (this.#stopped) return;
		this.#source?.close();
		this.#source = null;
		clearTimeout(this.#timers.silence);
		this.lostSince ??= new Date();
		clearTimeout(this.#timers.retry);
		this.#timers.retry = window.setTimeout(() => void this.#retry(), backoffMs(this.#attempt++));
	}

	/** A refused stream and a missing server look alike to EventSource: ask the payload URL which it is. */
	async #retry() {
		try {
			const response = await fetch(route.screenPayload(this.#token), { cache: 'no-store' });
			if (response.status === 404) return this.#reload();
		} catch {
			// No server: the stream below fails too, and the next retry waits longer.
		}
		this.#connect();
	}

	#apply(next: ScreenPayload) {
		if (next.version === this.payload.version) return;
		const keys = changedKeys(this.payload, next);
		this.payload = next;
		if (keys.length) {
			this.highlighted = keys;
			clearTimeout(this.#timers.highlight);
			this.#timers.highlight = window.setTimeout(() => (this.highlighted = []), HIGHLIGHT_MS);
		}
	}

	/** Reloads only once the page answers, so a half-deployed server never shows its error page. */
	async #reload() {
		if (this.#reloading) return;
		this.#reloading = true;
		try {
			const response = await fetch(location.href, { cache: 'no-store' });
			if (response.ok || response.status === 404) {
				this.stop();
				location.reload();
				return;
			}
		} catch {
			// not answering yet
		}
		this.#reloading = false;
	}
}
