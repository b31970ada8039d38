CREATE TABLE `document_deadlines` (
	`document_id` integer PRIMARY KEY NOT NULL,
	`action_plan_due` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `holidays` (
	`day` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reminder_groups` (
	`chat_id` integer PRIMARY KEY NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `group_links`(`chat_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `reminder_log` (
	`item_key` text NOT NULL,
	`stage` text NOT NULL,
	`chat_id` integer NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`item_key`, `stage`, `chat_id`)
);
--> statement-breakpoint
CREATE INDEX `reminder_log_sent_idx` ON `reminder_log` (`sent_at`);--> statement-breakpoint
CREATE TABLE `sweep_runs` (
	`day` text PRIMARY KEY NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`sent` integer DEFAULT 0 NOT NULL
);
