CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`unit_id` integer,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_unit_idx` ON `audit_log` (`unit_id`);--> statement-breakpoint
CREATE TABLE `conference_report_documents` (
	`report_id` integer NOT NULL,
	`document_id` integer NOT NULL,
	PRIMARY KEY(`report_id`, `document_id`),
	FOREIGN KEY (`report_id`) REFERENCES `conference_reports`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `crd_document_idx` ON `conference_report_documents` (`document_id`);--> statement-breakpoint
CREATE TABLE `conference_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`form` text NOT NULL,
	`bridge_points` integer DEFAULT 0 NOT NULL,
	`eligible` integer NOT NULL,
	`present` integer NOT NULL,
	`non_member_attendances` integer NOT NULL,
	`make_up` integer NOT NULL,
	`reporter_present` integer NOT NULL,
	`note` text,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "conference_reports_present_ck" CHECK("conference_reports"."present" >= 0 and "conference_reports"."present" <= "conference_reports"."eligible")
);
--> statement-breakpoint
CREATE INDEX `conference_reports_unit_date_idx` ON `conference_reports` (`unit_id`,`held_on`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`issued_on` text NOT NULL,
	`number` integer NOT NULL,
	`type` text NOT NULL,
	`issuer` text NOT NULL,
	`summary` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_code_date_uq` ON `documents` (`code`,`issued_on`);--> statement-breakpoint
CREATE INDEX `documents_number_idx` ON `documents` (`number`);--> statement-breakpoint
CREATE TABLE `form_sessions` (
	`key` text PRIMARY KEY NOT NULL,
	`form_id` text NOT NULL,
	`token` text NOT NULL,
	`state` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `group_links` (
	`chat_id` integer PRIMARY KEY NOT NULL,
	`unit_id` integer NOT NULL,
	`title` text,
	`linked_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `invites` (
	`code` text PRIMARY KEY NOT NULL,
	`unit_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL,
	`used_by` integer,
	`used_at` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_user_unit_role_uq` ON `members` (`user_id`,`unit_id`,`role`);--> statement-breakpoint
CREATE INDEX `members_unit_idx` ON `members` (`unit_id`);--> statement-breakpoint
CREATE TABLE `processed_updates` (
	`update_id` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `unit_figures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`as_of` text NOT NULL,
	`party_members` integer NOT NULL,
	`exempt_members` integer NOT NULL,
	`reporters` integer NOT NULL,
	`personal_plan_required` integer NOT NULL,
	`has_loudspeaker` integer NOT NULL,
	`bridge_points` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "unit_figures_exempt_ck" CHECK("unit_figures"."exempt_members" <= "unit_figures"."party_members")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unit_figures_unit_date_uq` ON `unit_figures` (`unit_id`,`as_of`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`parent_id` integer,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`successor_id` integer,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`successor_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "units_kind_ck" CHECK("units"."kind" in ('tinh','huyen','xa','co_so','chi_bo'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_code_uq` ON `units` (`code`);--> statement-breakpoint
CREATE INDEX `units_parent_idx` ON `units` (`parent_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text,
	`username` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`blocked_at` integer
);
