-- Web session ids and /web sign-in codes are kept as their sha256 (hex) from now on, never as the value the
-- browser's cookie or the user holds (src/db/repositories/web-sessions.ts, secretHash). SQLite has no sha256 to
-- rehash the rows in place, so the existing ones are deleted: everyone signed in to the web page signs in again
-- (with an invite or a new /web code), and /web codes not yet used must be asked for again.
DELETE FROM `web_sessions`;--> statement-breakpoint
DELETE FROM `web_sign_in_codes`;
