/** A figure as pages list it: its newest version with source and caveats, and every version before it. */
import type { ObservationBasis, ObservationFlag, Provenance } from './plan';

export interface ObservationRow {
	id: number;
	indicatorId: string;
	/** The newest version: a correction must name it (optimistic lock). */
	version: number;
	indicatorName: string;
	period: string;
	periodStart: string;
	periodEnd: string;
	basis: ObservationBasis;
	value: number;
	unit: string;
	provenance: Provenance;
	flags: ObservationFlag[];
	note: string | null;
	/** The current version's source, which a correction keeps unless another is chosen. */
	sourceId: string | null;
	source: FigureSource | null;
	history: {
		version: number;
		value: number | null;
		provenance: Provenance;
		recordedAt: string;
		recordedBy: string;
		/** Recorded by the catalogue loader (a system account, named in the reader's language). */
		recordedBySystem: boolean;
		reason: string | null;
		note: string | null;
		/** A figure that came in through a data round: who reported it, for which unit (recordedBy approved it). */
		reportedBy: { name: string; unit: string } | null;
	}[];
}

export interface FigureSource {
	title: string;
	publisher: string;
	url: string;
	publishedOn: string;
}
