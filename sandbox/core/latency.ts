/** Waits `ms` milliseconds (nothing when ms <= 0). The sandbox is a server: timers are fine here. */
export function delay(ms: number): Promise<void> {
	if (!(ms > 0)) return Promise.resolve();
	return new Promise((resolve) => {
		const t = setTimeout(resolve, ms);
		t.unref?.();
	});
}
