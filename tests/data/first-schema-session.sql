-- A session file as the first schema (m001_initial) wrote it. Frozen: never edit;
-- tests/test_store.py opens it to prove migration from the first version.
PRAGMA journal_mode=WAL;
PRAGMA user_version=1;
BEGIN TRANSACTION;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
INSERT INTO "_sqlite_migrations" VALUES(1,'workshop','m001_initial','2025-03-04 09:59:00.000000+00:00');
CREATE TABLE "actions" (
   "aid" INTEGER PRIMARY KEY,
   "type" TEXT,
   "text" TEXT,
   "mid" INTEGER,
   "owner" TEXT,
   "created_at" TEXT
);
CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL);
INSERT INTO "events" VALUES(1,'2025-03-04T10:00:00.000+00:00','session_created','{"client": "", "facilitator": "", "lang": "es", "script": {"cap": 2, "dots": 3, "lang": "en", "minutes": 90, "name": "test-script", "steps": [{"body": "Hello.", "kind": "intro", "minutes": 5, "options": {}, "title": "Welcome"}, {"body": "", "kind": "moments", "minutes": 20, "options": {}, "title": "Moments"}, {"body": "", "kind": "expectations", "minutes": 20, "options": {}, "title": "Expectations"}], "title": "Test script"}, "title": "Súper, primera versión"}');
INSERT INTO "events" VALUES(2,'2025-03-04T10:00:00.000+00:00','participant_added','{"name": null, "pid": 1, "pseudonym": "P1", "segment": "familias"}');
INSERT INTO "events" VALUES(3,'2025-03-04T10:00:00.000+00:00','participant_added','{"name": null, "pid": 2, "pseudonym": "P2", "segment": null}');
INSERT INTO "events" VALUES(4,'2025-03-04T10:01:00.000+00:00','step_entered','{"step": 1}');
INSERT INTO "events" VALUES(5,'2025-03-04T10:01:00.000+00:00','timer_started','{"step": 1}');
INSERT INTO "events" VALUES(6,'2025-03-04T10:02:00.000+00:00','moment_added','{"mid": 1, "pid": 1, "stage": "during", "text": "Cola en la caja", "touchpoint": "direct"}');
INSERT INTO "events" VALUES(7,'2025-03-04T10:03:00.000+00:00','moment_added','{"mid": 2, "stage": "before", "text": "Aparcar"}');
INSERT INTO "events" VALUES(8,'2025-03-04T10:04:00.000+00:00','undo','{"target": 7}');
INSERT INTO "events" VALUES(9,'2025-03-04T10:05:00.000+00:00','note_added','{"mid": 1, "nid": 1, "pid": 2, "text": "Siempre elijo la más lenta", "type": "quote"}');
INSERT INTO "events" VALUES(10,'2025-03-04T10:06:00.000+00:00','rating_given','{"mid": 1, "pid": 2, "value": 2}');
CREATE TABLE "expectations" (
   "xid" INTEGER PRIMARY KEY,
   "mid" INTEGER,
   "type" TEXT,
   "text" TEXT,
   "pid" INTEGER,
   "created_at" TEXT
);
CREATE TABLE "ideas" (
   "iid" INTEGER PRIMARY KEY,
   "mid" INTEGER,
   "text" TEXT,
   "pid" INTEGER,
   "did" INTEGER,
   "prompt_id" TEXT,
   "technique" TEXT,
   "prompt_text" TEXT,
   "created_at" TEXT
);
CREATE TABLE "meta" (
   "key" TEXT PRIMARY KEY,
   "value" TEXT
);
INSERT INTO "meta" VALUES('app','workshop');
CREATE TABLE "moments" (
   "mid" INTEGER PRIMARY KEY,
   "text" TEXT,
   "stage" TEXT,
   "touchpoint" TEXT,
   "pid" INTEGER,
   "created_at" TEXT,
   "position" INTEGER
);
INSERT INTO "moments" VALUES(1,'Cola en la caja','during','direct',1,'2025-03-04T10:02:00.000+00:00',0);
CREATE TABLE "notes" (
   "nid" INTEGER PRIMARY KEY,
   "type" TEXT,
   "text" TEXT,
   "pid" INTEGER,
   "mid" INTEGER,
   "step" INTEGER,
   "created_at" TEXT
);
INSERT INTO "notes" VALUES(1,'quote','Siempre elijo la más lenta',2,1,NULL,'2025-03-04T10:05:00.000+00:00');
CREATE TABLE "participants" (
   "pid" INTEGER PRIMARY KEY,
   "pseudonym" TEXT,
   "name" TEXT,
   "segment" TEXT,
   "consent" INTEGER
);
INSERT INTO "participants" VALUES(1,'P1',NULL,'familias',0);
INSERT INTO "participants" VALUES(2,'P2',NULL,NULL,0);
CREATE TABLE "prompts" (
   "did" INTEGER PRIMARY KEY,
   "prompt_id" TEXT,
   "technique" TEXT,
   "text" TEXT,
   "mid" INTEGER,
   "created_at" TEXT
);
CREATE TABLE "ratings" (
   "mid" INTEGER,
   "pid" INTEGER,
   "value" INTEGER,
   "created_at" TEXT,
   PRIMARY KEY ("mid", "pid")
);
INSERT INTO "ratings" VALUES(1,2,2,'2025-03-04T10:06:00.000+00:00');
CREATE TABLE "session" (
   "id" INTEGER PRIMARY KEY,
   "title" TEXT,
   "client" TEXT,
   "facilitator" TEXT,
   "lang" TEXT,
   "script_name" TEXT,
   "script_title" TEXT,
   "dots" INTEGER,
   "cap" INTEGER,
   "created_at" TEXT,
   "current_step" INTEGER,
   "finished" INTEGER
);
INSERT INTO "session" VALUES(1,'Súper, primera versión','','','es','test-script','Test script',3,2,'2025-03-04T10:00:00.000+00:00',1,0);
CREATE TABLE "steps" (
   "step" INTEGER PRIMARY KEY,
   "title" TEXT,
   "kind" TEXT,
   "minutes" REAL,
   "elapsed_seconds" REAL,
   "running_since" TEXT,
   "entered_at" TEXT
);
INSERT INTO "steps" VALUES(0,'Welcome','intro',5.0,0.0,NULL,NULL);
INSERT INTO "steps" VALUES(1,'Moments','moments',20.0,0.0,'2025-03-04T10:01:00.000+00:00','2025-03-04T10:01:00.000+00:00');
INSERT INTO "steps" VALUES(2,'Expectations','expectations',20.0,0.0,NULL,NULL);
CREATE TABLE "vote_rounds" (
   "rid" INTEGER PRIMARY KEY,
   "target" TEXT,
   "dots" INTEGER,
   "cap" INTEGER,
   "blind" INTEGER,
   "step" INTEGER,
   "revealed" INTEGER,
   "revealed_at" TEXT
);
CREATE TABLE "votes" (
   "rid" INTEGER,
   "pid" INTEGER,
   "item" INTEGER,
   "dots" INTEGER,
   PRIMARY KEY ("rid", "pid", "item")
);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE INDEX "idx_events_kind"
    ON "events" ("kind");
COMMIT;
