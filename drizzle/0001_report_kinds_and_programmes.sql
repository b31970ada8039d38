CREATE TABLE `action_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`document_id` integer NOT NULL,
	`issued_on` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `action_plans_unit_doc_uq` ON `action_plans` (`unit_id`,`document_id`);--> statement-breakpoint
CREATE INDEX `action_plans_doc_idx` ON `action_plans` (`document_id`);--> statement-breakpoint
CREATE TABLE `awareness_surveys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`surveyed` integer NOT NULL,
	`aware` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "awareness_aware_ck" CHECK("awareness_surveys"."aware" >= 0 and "awareness_surveys"."aware" <= "awareness_surveys"."surveyed")
);
--> statement-breakpoint
CREATE INDEX `awareness_unit_date_idx` ON `awareness_surveys` (`unit_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `commendations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`awarded_on` text NOT NULL,
	`collectives` integer NOT NULL,
	`individuals` integer NOT NULL,
	`note` text,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `commendations_unit_date_idx` ON `commendations` (`unit_id`,`awarded_on`);--> statement-breakpoint
CREATE TABLE `inspection_programmes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`body` text NOT NULL,
	`approved_on` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inspection_unit_year_body_uq` ON `inspection_programmes` (`unit_id`,`year`,`body`);--> statement-breakpoint
CREATE TABLE `personal_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`with_plan` integer NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `personal_plans_unit_year_uq` ON `personal_plans` (`unit_id`,`year`);--> statement-breakpoint
CREATE TABLE `programme_targets` (
	`programme_id` integer NOT NULL,
	`indicator` text NOT NULL,
	`target` real NOT NULL,
	PRIMARY KEY(`programme_id`, `indicator`),
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `programmes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programmes_code_unique` ON `programmes` (`code`);--> statement-breakpoint
CREATE TABLE `reporter_trainings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`year` integer NOT NULL,
	`trained` integer NOT NULL,
	`held_on` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reporter_trainings_unit_year_uq` ON `reporter_trainings` (`unit_id`,`year`);