/** The path of a Chromium binary; installs Debian's package with apt-get when missing and allowed. */
export function ensureChromium(): string;
/** Flags Chromium needs on these machines: root without sandbox, no GPU, no background network. */
export const CHROMIUM_ARGS: string[];
