// The Frame's row arithmetic, without React (the first paint uses it too).

/** Rows the body of a Frame gets (title, border and footer rows, and the message row if any, off). */
export function bodyHeight(height: number, hasMessage: boolean, footerRows = 1): number {
	return Math.max(1, height - 2 - footerRows - (hasMessage ? 1 : 0));
}
