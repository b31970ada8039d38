CREATE TABLE `due_waivers` (
	`item_key` text PRIMARY KEY NOT NULL,
	`unit_id` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`waived_by` integer,
	`waived_at` integer NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
