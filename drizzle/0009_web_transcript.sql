CREATE TABLE `web_chats` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`last_message_id` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `web_chats_updated_idx` ON `web_chats` (`updated_at`);--> statement-breakpoint
CREATE TABLE `web_messages` (
	`user_id` integer NOT NULL,
	`message_id` integer NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`user_id`, `message_id`)
);
