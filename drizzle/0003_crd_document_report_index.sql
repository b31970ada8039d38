DROP INDEX `crd_document_idx`;--> statement-breakpoint
CREATE INDEX `crd_document_report_idx` ON `conference_report_documents` (`document_id`,`report_id`);