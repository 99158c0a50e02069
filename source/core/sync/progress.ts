// Progress reports for the terminal: a short phrase per step, counts where known.
export type ProgressFn = (message: string) => void;

export const silentProgress: ProgressFn = () => {};

/** Lets a caller cancel between calls (Ctrl-C); checked at every step. */
export interface CancelToken {
	cancelled: boolean;
}
