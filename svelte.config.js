import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter(),
		// Cross-site form posts are refused with 403 (SvelteKit's origin check, on by default; kept on
		// deliberately: no trusted origins). hooks.server.ts refuses other cross-site writes too.
		csrf: { trustedOrigins: [] },
		csp: {
			// Hashes: only SvelteKit's own bootstrap script runs inline, allowed by its sha256. Unlike a
			// nonce, a hash is the same for the same page, so the page cache keeps pages compressed and
			// sends them as they are (a nonce must be replaced in every copy, 0.5 MB of text at scale).
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Inline styles are allowed: Svelte renders style attributes and style: directives,
				// ECharts sets styles on the elements it draws and writes them into its SVG (also the
				// server-rendered charts of the print page). Scripts stay strict.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				// Vite inlines the smallest subsets of the book's font as data: URLs.
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
