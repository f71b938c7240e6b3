/**
 * A plan's statuses as one stacked bar: how many targets are in each class. Colours match the
 * status badges; ECharts' decal patterns keep the classes apart in grey-scale print.
 */
import type { EChartsOption } from 'echarts';
import type { TaskStanding } from '../domain/tasks';
import { VERDICT_STATUSES, type VerdictStatus } from '../domain/verdict';

export const STATUS_COLORS: Record<VerdictStatus, string> = {
	achieved: '#1d6b3a',
	met: '#1d6b3a',
	done: '#1d6b3a',
	on_track: '#2e7d4f',
	achieved_may_slip: '#6b7a1d',
	behind_forecast_meets: '#7a6a12',
	on_pace_forecast_short: '#9a6700',
	acceleration_needed: '#9a6700',
	not_done: '#5a5a8a',
	limited_progress: '#b4540a',
	deterioration: '#b3261e',
	missed: '#b3261e',
	overdue: '#b3261e',
	insufficient_data: '#5a6270'
};

export function statusChartOptions(counts: Partial<Record<VerdictStatus, number>>, label: (s: VerdictStatus) => string): EChartsOption {
	const present = VERDICT_STATUSES.filter((s) => counts[s]);
	return {
		animation: false,
		aria: { enabled: true, decal: { show: true } },
		grid: { left: 4, right: 4, top: 4, bottom: 4 },
		xAxis: { type: 'value', show: false, max: present.reduce((n, s) => n + (counts[s] ?? 0), 0) },
		yAxis: { type: 'category', show: false, data: [''] },
		tooltip: { trigger: 'item' },
		series: present.map((s) => ({
			name: label(s),
			type: 'bar',
			stack: 'statuses',
			barWidth: '80%',
			itemStyle: { color: STATUS_COLORS[s] },
			label: { show: true, color: '#fff', fontWeight: 'bold', formatter: String(counts[s]) },
			data: [counts[s] ?? 0]
		}))
	};
}

/** Colours of a task's standing; white text on each reads at 4.5:1 or more. */
export const TASK_STANDING_COLORS: Record<TaskStanding, string> = {
	not_started: '#475569',
	in_progress: '#1f5fa8',
	done: '#1d6b3a',
	delayed: '#b3261e',
	dropped: '#57534e',
	unreported: '#6b7280'
};
