/**
 * Charts drawn on the server as SVG text, with ECharts' server-side rendering: the print pages
 * need no JavaScript, so Chromium prints exactly what the server sent, and the text in the
 * charts stays text in the PDF.
 */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

/** The print pages' font (served with the app, see the book page), so chart text embeds like the rest. */
const FONT = "'Noto Sans SC', 'Noto Sans CJK SC', sans-serif";

export function chartSvg(options: EChartsOption, width: number, height: number): string {
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
	try {
		// A printed chart has no buttons and nothing to animate.
		chart.setOption({ ...options, animation: false, toolbox: { show: false }, textStyle: { fontFamily: FONT } });
		return chart.renderToSVGString();
	} finally {
		chart.dispose();
	}
}
