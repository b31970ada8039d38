/**
 * A file size as the CLI prints it (src/cli/messages.ts): one decimal, Vietnamese separators, KB below a
 * megabyte and MB above — "12,0 KB", "1.012,0 KB", "3,5 MB". For a pattern of a whole line (`new RegExp`).
 */
export const SIZE_PATTERN = String.raw`\d{1,3}(?:\.\d{3})*(?:,\d+)? (?:KB|MB)`;
