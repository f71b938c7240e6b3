/**
 * Cleans the text of a Chinese policy document as a reader or a web page gives it: simplified
 * characters, no scraping noise, half-width digits, Chinese print punctuation. Pure: the
 * traditional → simplified converter comes in as an argument (opencc-js on the server,
 * src/lib/server/intake/to-simplified.ts).
 *
 * Noise seen in web copies: pinyin glosses a reader plugin put after rare characters
 * (`繳費(fèi)`), `??` and lone `?` where an encoding round trip lost a character or a full-width
 * space, HTML entities and tags, navigation and footer lines (字号, 打印, 关闭, 【大 中 小】, 上一篇,
 * 责任编辑, 来源), and the page title repeated above the document's own title.
 */
/** What the cleaner needs from outside: a traditional → simplified converter (identity for simplified text). */
export interface CleanOptions {
	toSimplified: (text: string) => string;
}

/** A pinyin syllable with at least one tone mark, in parentheses, possibly missing its "(". */
const PINYIN_GLOSS = /\(?([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)/g;

const ENTITIES: Record<string, string> = {
	nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘',
	rsquo: '’', mdash: '—', hellip: '…', middot: '·', times: '×', ensp: ' ', emsp: ' '
};

/** Half-width punctuation as web copies have it, and the full-width form used in print. */
const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '(': '（', ')': '）', '!': '！' };

/**
 * Lines that belong to the web page, not the document: font-size and print buttons, share bars,
 * page navigation, editor and source credits, visit counters, breadcrumbs.
 */
const PAGE_NOISE: RegExp[] = [
	/^(字号|字体)[：:]?\s*(【?\s*[大中小]\s*[大中小]?\s*[大中小]?\s*】?)?$/,
	/^【?\s*大\s*中\s*小\s*】?$/,
	/^(打印|关闭|分享|收藏|返回|顶部|打印本页|关闭窗口|返回顶部|分享到|扫一扫|【打印】|【关闭】)([\s|｜/、]*(打印|关闭|分享|收藏|返回|顶部|本页|窗口)*)*$/,
	/^(上一篇|下一篇|上一条|下一条)[：:]?/,
	/^(责任编辑|编辑|来源|信息来源|作者|浏览次数|点击量|阅读量|发布时间)[：:]/,
	/^\d{4}-\d{2}-\d{2}(\s+\d{2}:\d{2}(:\d{2})?)?\s+(点击量|浏览|来源|阅读)/,
	/^(网站首页|首页)\s*[>＞]/,
	// An e-paper's page line: "版面:第006版:乘势而上启新程 2026年全国两会特别报道·图解政府工作报告".
	/^版面[：:]\s*第\s*\d+\s*版/,
	/^当前位置[：:]/,
	/^(友情提示|温馨提示)[：:]/,
	/^【?(我要纠错|相关链接|相关文件|相关解读)】?$/,
	/^(无障碍|无障碍浏览|长辈版|长者模式|关怀版|简体|繁体|English|网站首页|返回首页)(\s+(无障碍|长辈版|长者模式|关怀版|简体|繁体))*$/,
	/^[【\[]?\s*字体[：:]?/,
	/^(发布时间|时间|日期)[：:]\s*\d{4}[-年].{0,20}(来源|浏览|点击)/,
	/^(发布日期|发布时间|更新时间)[：:]\s*\d{4}-\d{1,2}-\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?$/,
	/^(您现在所在的位置|您的位置|所在位置)[：:]/
];

/** Removes pinyin glosses: "繳費(fèi)" -> "繳費". @example stripPinyinGlosses('繳費(fèi)') === '繳費' */
export function stripPinyinGlosses(text: string): string {
	return text.replace(PINYIN_GLOSS, '');
}

/** Converts one raw line: pinyin out, simplified characters, half-width digits, print punctuation. @example cleanLine('??一、總體要求', { toSimplified }) === '一、总体要求' */
export function cleanLine(raw: string, { toSimplified }: CleanOptions): string {
	let text = stripPinyinGlosses(raw);
	text = toSimplified(text);
	text = dropLostCharacters(text);
	text = dropDecoration(text);
	text = toHalfWidth(text);
	text = toPrintPunctuation(text);
	// A run holding a tab or three spaces separates table cells and stays a tab; other runs become one space.
	return text
		.replace(/[\u3000\u00a0\t ]+/g, (run: string, offset: number) => (offset === 0 ? '' : /\t|[ \u3000\u00a0]{3}/.test(run) ? '\t' : ' '))
		.trim();
}

/**
 * "??" and a lone "?" stand for characters lost in an encoding round trip; a question in Chinese
 * uses "？", so ASCII "?" in Chinese text is noise. A "?" inside an ASCII word (a URL) stays.
 * @example dropLostCharacters('参照?行') === '参照行'
 */
export function dropLostCharacters(text: string): string {
	return text.replace(/\?+/g, (run, offset: number) => {
		const before = text[offset - 1] ?? '';
		const after = text[offset + run.length] ?? '';
		return /[A-Za-z0-9=&/]/.test(before) && /[A-Za-z0-9=&]/.test(after) ? run : '';
	});
}

/** Symbols that carry meaning in plans: units (㎡ 万㎡, ㎞, ℃) and the number sign. */
const KEPT_SYMBOLS = new Set(['℃', '№', '㎡', '㎞', '㎏', '㎥', '‰', '‱']);
const DECORATION = /[\p{So}\p{Co}]|[^\p{Script=Han}\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}\p{Script=Greek}\p{Script=Cyrillic}]/u;

/**
 * Decorative symbols and letters of other scripts that spam filters and page templates sprinkle in
 * the text ("增长5%◈ღ✿◈、"), and bullets ("●", "★"). Kept: units such as ㎡ and ℃, №, ①-⑳ (numbers, not symbols).
 * @example dropDecoration('增长5%◈ღ✿◈') === '增长5%'
 */
export function dropDecoration(text: string): string {
	if (!DECORATION.test(text)) return text;
	return text.replace(/[\p{So}\p{Co}]|[^\p{Script=Han}\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}\p{Script=Greek}\p{Script=Cyrillic}]/gu, (ch) =>
		KEPT_SYMBOLS.has(ch) ? ch : ''
	);
}

/** Full-width digits, letters and %, and "．" inside a number, to half-width: "２０２５年" -> "2025年". @example toHalfWidth('２０２５年') === '2025年' */
export function toHalfWidth(text: string): string {
	return text
		.replace(/[０-９Ａ-Ｚａ-ｚ％＋]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
		.replace(/(\d)[．·](?=\d)/g, '$1.')
		.replace(/(\d)\s*[－—–]\s*(?=\d)/g, '$1-')
		.replace(/(\d)\s*[～〜]\s*(?=\d)/g, '$1~');
}

/**
 * Puts Chinese text in print punctuation: full-width commas, colons, semicolons and parentheses.
 * A decimal point or "1." item number stays; "4,000" and "9:30" stay.
 * @example toPrintPunctuation('规模(亿元),达到4,000;') === '规模（亿元），达到4,000；'
 */
export function toPrintPunctuation(text: string): string {
	return text.replace(/[,;:()!]/g, (ch, offset: number) => {
		const between = /\d/.test(text[offset - 1] ?? '') && /\d/.test(text[offset + 1] ?? '');
		if ((ch === ',' || ch === ':') && between) return ch;
		// "http://" keeps its colon.
		if (ch === ':' && text[offset + 1] === '/') return ch;
		return FULL_WIDTH[ch];
	});
}

/** Decodes HTML entities and drops tags a copy-paste left in the text; block tags become line breaks. @example stripHtml('<p>一、目标</p>') === '一、目标\n' */
export function stripHtml(text: string): string {
	return text
		.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
		.replace(/<\s*(br|\/p|\/div|\/tr|\/li|\/h\d)\s*\/?>/gi, '\n')
		.replace(/<\/?(td|th)[^>]*>/gi, ' ')
		.replace(/<\/?[a-zA-Z][^<>]*>/g, '')
		.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
			if (name[0] === '#') {
				const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
				return Number.isFinite(code) ? String.fromCodePoint(code) : entity;
			}
			return ENTITIES[name.toLowerCase()] ?? entity;
		});
}

/** True for a line that belongs to the web page around the document (navigation, footer). @example isPageNoise('【大 中 小】') === true */
export function isPageNoise(line: string): boolean {
	const bare = line.replace(/^[•·▪‧\s]+/, '');
	return PAGE_NOISE.some((pattern) => pattern.test(bare));
}

/** A marker alone on its line after which a news page lists other stories. */
const END_OF_ARTICLE = /^【?(关键词|关键字|相关阅读|相关新闻|延伸阅读|推荐阅读|相关推荐|热点推荐|热门推荐|猜你喜欢|更多阅读|热点新闻|最新新闻)】?[：:]?$/;

/** A line that opens the body: "一、", "第一章", "（一）" — page repeats stop mattering after it. */
const BODY_START = /^(第[一二三四五六七八九十]+[章条]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/;

/**
 * Cleans a whole document into simplified, noise-free lines; `clean` is the lines joined by "\n".
 * @example cleanPlanText('字號:\n??一、總體要求\n', { toSimplified }).lines -> ['一、总体要求']
 */
export function cleanPlanText(raw: string, options: CleanOptions): { clean: string; lines: string[] } {
	const text = stripHtml(raw.replace(/^\uFEFF/, '')).replace(/\r\n?/g, '\n');
	const lines: string[] = [];
	const seenInHead = new Set<string>();
	let inBody = false;
	for (const rawLine of text.split('\n')) {
		const line = cleanLine(rawLine, options);
		// The article has ended: a bare "关键词：" or "相关阅读" opens the page's links to other stories.
		if (END_OF_ARTICLE.test(line)) break;
		if (line.length === 0 || isPageNoise(line)) continue;
		if (BODY_START.test(line)) inBody = true;
		// The page repeats the title (page title, heading, breadcrumb); in the body, table cells repeat legitimately.
		// A table cell ("60 |", "[4]") repeats as values do, not as a page repeats its title.
		const cell = /[|｜\t]$/.test(line) || !/[\u4e00-\u9fa5A-Za-z]{2}/.test(line);
		if (!inBody && !cell) {
			if (seenInHead.has(line) && line.length < 120) continue;
			seenInHead.add(line);
		}
		lines.push(line);
	}
	return { clean: lines.join('\n'), lines };
}
