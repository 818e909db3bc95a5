/*
 * migrations.c: the schema, as numbered migrations.  Migration i (from
 * 1) takes PRAGMA user_version from i-1 to i.  Never edit a migration
 * that has shipped: add the next one.
 */
#include <stddef.h>

#include "migrations.h"

const char *const store_migrations[] = {
/* 1: the stack: units, accounts, certificates, sessions, persons,
 * employments (用工), insurance (参保), arrears, tasks, attachments,
 * receipts, audit, policy, messages, change records. */
"CREATE TABLE units ("
"  id INTEGER PRIMARY KEY,"
"  uscc TEXT NOT NULL UNIQUE,"			/* 统一社会信用代码 */
"  name TEXT NOT NULL,"
"  sb_code TEXT NOT NULL UNIQUE,"		/* 单位社保编号 */
"  vip INTEGER NOT NULL DEFAULT 0 CHECK (vip IN (0, 1)),"
"  region TEXT NOT NULL DEFAULT '420100',"	/* 行政区划, policy key */
"  industry_rate_permille INTEGER NOT NULL DEFAULT 5," /* 工伤 费率 ‰ */
"  legal_rep TEXT NOT NULL DEFAULT '',"
"  contact TEXT NOT NULL DEFAULT '',"
"  phone TEXT NOT NULL DEFAULT '',"
"  fax TEXT NOT NULL DEFAULT '',"
"  email TEXT NOT NULL DEFAULT '',"
"  postcode TEXT NOT NULL DEFAULT '',"
"  address TEXT NOT NULL DEFAULT '',"
"  status TEXT NOT NULL DEFAULT '正常' CHECK (status IN ('正常', '注销'))"
");"
"CREATE TABLE accounts ("
"  id INTEGER PRIMARY KEY,"
"  kind TEXT NOT NULL CHECK (kind IN ('unit', 'reviewer')),"
"  unit_id INTEGER REFERENCES units(id),"
"  username TEXT NOT NULL UNIQUE,"
"  display_name TEXT NOT NULL,"
"  pw_hash TEXT NOT NULL,"
"  must_change INTEGER NOT NULL DEFAULT 1,"
"  failed INTEGER NOT NULL DEFAULT 0,"
"  locked_until INTEGER NOT NULL DEFAULT 0,"
"  created_at INTEGER NOT NULL,"
"  CHECK ((kind = 'unit') = (unit_id IS NOT NULL))"
");"
"CREATE TABLE certs ("
"  fingerprint TEXT PRIMARY KEY,"		/* SHA-256 hex of DER */
"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
"  serial TEXT NOT NULL DEFAULT '',"
"  subject TEXT NOT NULL DEFAULT '',"
"  not_after INTEGER NOT NULL DEFAULT 0,"
"  revoked INTEGER NOT NULL DEFAULT 0"
");"
"CREATE INDEX certs_account ON certs(account_id);"
"CREATE TABLE sessions ("
"  token_hash TEXT PRIMARY KEY,"		/* SHA-256 hex of the cookie */
"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
"  cert_fp TEXT NOT NULL,"
"  csrf TEXT NOT NULL,"
"  created_at INTEGER NOT NULL,"
"  last_seen INTEGER NOT NULL"
");"
"CREATE TABLE persons ("
"  id INTEGER PRIMARY KEY,"
"  idno TEXT NOT NULL UNIQUE,"			/* 身份证号 = 社会保障号码 */
"  name TEXT NOT NULL,"
"  sex TEXT NOT NULL CHECK (sex IN ('男', '女')),"
"  birth TEXT NOT NULL,"			/* YYYY-MM-DD */
"  hukou_type TEXT NOT NULL DEFAULT '城镇' CHECK (hukou_type IN ('城镇', '农村')),"
"  nation TEXT NOT NULL DEFAULT '汉族',"
"  marital TEXT NOT NULL DEFAULT '',"
"  education TEXT NOT NULL DEFAULT '',"
"  hukou_addr TEXT NOT NULL DEFAULT '',"
"  address TEXT NOT NULL DEFAULT '',"		/* 常住地址 */
"  mobile TEXT NOT NULL DEFAULT '',"
"  home_phone TEXT NOT NULL DEFAULT '',"
"  mail_addr TEXT NOT NULL DEFAULT '',"
"  postcode TEXT NOT NULL DEFAULT '',"
"  work_start TEXT NOT NULL DEFAULT '',"	/* 参加工作日期 */
"  female_cadre INTEGER NOT NULL DEFAULT 0"	/* 女干部: retirement age */
");"
"CREATE TABLE employments ("			/* 用工备案 with its 劳动合同 */
"  id INTEGER PRIMARY KEY,"
"  person_id INTEGER NOT NULL REFERENCES persons(id),"
"  unit_id INTEGER NOT NULL REFERENCES units(id),"
"  reg_type TEXT NOT NULL DEFAULT '单位用工备案',"
"  contract_no TEXT NOT NULL UNIQUE,"
"  start_date TEXT NOT NULL,"
"  end_date TEXT,"				/* NULL: 无固定期限 */
"  post TEXT NOT NULL DEFAULT '',"
"  wage_fen INTEGER NOT NULL DEFAULT 0,"
"  category TEXT NOT NULL DEFAULT '合同制',"	/* 用工范围 */
"  is_legal_rep INTEGER NOT NULL DEFAULT 0,"
"  status TEXT NOT NULL DEFAULT '在职' CHECK (status IN ('在职', '已退工', '已撤销')),"
"  registered_at TEXT NOT NULL,"
"  ended_at TEXT,"
"  end_task_id INTEGER"
");"
"CREATE INDEX employments_unit ON employments(unit_id, status);"
"CREATE INDEX employments_person ON employments(person_id);"
"CREATE TABLE insurance ("			/* 参保 of a person at a unit */
"  id INTEGER PRIMARY KEY,"
"  person_id INTEGER NOT NULL REFERENCES persons(id),"
"  unit_id INTEGER NOT NULL REFERENCES units(id),"
"  sb_no TEXT NOT NULL,"			/* 个人社保编号 */
"  start_month TEXT NOT NULL,"			/* YYYY-MM */
"  status TEXT NOT NULL CHECK (status IN ('参保缴费', '暂停缴费')),"
"  stop_month TEXT,"				/* first month not paid */
"  last_paid_month TEXT,"
"  base_fen INTEGER NOT NULL DEFAULT 0,"	/* 缴费基数 */
"  contrib_months INTEGER NOT NULL DEFAULT 0,"	/* 累计缴费月数 */
"  multi_injury INTEGER NOT NULL DEFAULT 0,"	/* 多重工伤关系 elsewhere */
"  UNIQUE (person_id, unit_id)"
");"
"CREATE TABLE arrears ("			/* 欠费 */
"  id INTEGER PRIMARY KEY,"
"  person_id INTEGER NOT NULL REFERENCES persons(id),"
"  unit_id INTEGER NOT NULL REFERENCES units(id),"
"  month TEXT NOT NULL,"
"  amount_fen INTEGER NOT NULL,"
"  settled INTEGER NOT NULL DEFAULT 0"
");"
"CREATE INDEX arrears_person ON arrears(person_id, unit_id, settled);"
"CREATE TABLE tasks ("
"  id INTEGER PRIMARY KEY,"
"  seq_no TEXT NOT NULL UNIQUE,"		/* 业务顺序号 */
"  business TEXT NOT NULL,"
"  unit_id INTEGER NOT NULL REFERENCES units(id),"
"  state TEXT NOT NULL CHECK (state IN ('未提交', '进行中', '结束', '退单')),"
"  returned INTEGER NOT NULL DEFAULT 0,"	/* 回退标志 */
"  return_reason TEXT NOT NULL DEFAULT '',"
"  summary TEXT NOT NULL DEFAULT '',"
"  dedup_key TEXT UNIQUE,"			/* the form's one-time token */
"  overdue INTEGER NOT NULL DEFAULT 0,"	/* 逾期 */
"  created_by INTEGER NOT NULL DEFAULT 0,"
"  created_at INTEGER NOT NULL,"
"  submitted_at INTEGER NOT NULL DEFAULT 0,"
"  decided_at INTEGER NOT NULL DEFAULT 0,"
"  decided_by INTEGER NOT NULL DEFAULT 0,"	/* 0: 系统自动审核 */
"  updated_at INTEGER NOT NULL"
");"
"CREATE INDEX tasks_unit ON tasks(unit_id, state);"
"CREATE INDEX tasks_queue ON tasks(state, business, submitted_at);"
"CREATE TABLE task_events ("
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  action TEXT NOT NULL,"
"  from_state TEXT NOT NULL,"
"  to_state TEXT NOT NULL,"
"  actor_id INTEGER NOT NULL,"
"  reason TEXT NOT NULL DEFAULT '',"
"  at INTEGER NOT NULL"
");"
"CREATE INDEX task_events_task ON task_events(task_id);"
"CREATE TABLE attachments ("
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  kind TEXT NOT NULL,"				/* material, e.g. 'id_copy' */
"  filename TEXT NOT NULL,"
"  mime TEXT NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg')),"
"  size INTEGER NOT NULL,"
"  sha256 TEXT NOT NULL,"
"  data BLOB NOT NULL,"
"  uploaded_at INTEGER NOT NULL"
");"
"CREATE INDEX attachments_task ON attachments(task_id);"
"CREATE TABLE receipts ("
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  kind TEXT NOT NULL,"				/* '退工登记证明', '综合业务处理单' */
"  receipt_no TEXT NOT NULL UNIQUE,"
"  code TEXT NOT NULL,"				/* verification code */
"  issued_at INTEGER NOT NULL,"
"  UNIQUE (task_id, kind)"
");"
"CREATE TABLE audit ("
"  id INTEGER PRIMARY KEY,"
"  at INTEGER NOT NULL,"
"  account_id INTEGER NOT NULL,"
"  unit_id INTEGER NOT NULL,"
"  actor TEXT NOT NULL,"
"  cert_fp TEXT NOT NULL,"
"  action TEXT NOT NULL,"
"  object TEXT NOT NULL,"
"  detail TEXT NOT NULL,"
"  prev_hash TEXT NOT NULL,"
"  hash TEXT NOT NULL"
");"
"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
"  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
"  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
"CREATE TABLE policy ("			/* 以当地政策为准: rules as data */
"  region TEXT NOT NULL,"
"  key TEXT NOT NULL,"
"  valid_from TEXT NOT NULL DEFAULT '1900-01-01',"
"  value TEXT NOT NULL,"
"  note TEXT NOT NULL DEFAULT '',"
"  PRIMARY KEY (region, key, valid_from)"
");"
"CREATE TABLE calendar ("			/* 法定节假日 and 调休 workdays */
"  date TEXT PRIMARY KEY,"
"  workday INTEGER NOT NULL CHECK (workday IN (0, 1)),"
"  note TEXT NOT NULL DEFAULT ''"
");"
"CREATE TABLE messages ("			/* 消息中心 */
"  id INTEGER PRIMARY KEY,"
"  unit_id INTEGER NOT NULL REFERENCES units(id),"
"  task_id INTEGER REFERENCES tasks(id),"
"  at INTEGER NOT NULL,"
"  title TEXT NOT NULL,"
"  body TEXT NOT NULL DEFAULT '',"
"  read INTEGER NOT NULL DEFAULT 0"
");"
"CREATE INDEX messages_unit ON messages(unit_id, at);"
"CREATE TABLE change_records ("		/* 信息变更 变更记录 */
"  id INTEGER PRIMARY KEY,"
"  unit_id INTEGER NOT NULL REFERENCES units(id),"
"  person_id INTEGER REFERENCES persons(id),"
"  field TEXT NOT NULL,"
"  old_value TEXT NOT NULL,"
"  new_value TEXT NOT NULL,"
"  account_id INTEGER NOT NULL,"
"  at INTEGER NOT NULL"
");"
"CREATE INDEX change_records_unit ON change_records(unit_id, at);",

/* 2: the businesses 退工登记 and 城镇职工减少: their detail rows (one per
 * person; a batch task has many), the failed rows of a batch import,
 * per-person attachments, and the facts the 减员 rules consult: the
 * unit's 应收核定 periods and annual wage declarations. */
"CREATE TABLE tuigong ("
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  row_no INTEGER NOT NULL DEFAULT 0,"		/* batch row; 0 = the form */
"  employment_id INTEGER REFERENCES employments(id),"
"  person_id INTEGER REFERENCES persons(id),"
"  name TEXT NOT NULL DEFAULT '',"
"  idno TEXT NOT NULL DEFAULT '',"
"  sex TEXT NOT NULL DEFAULT '',"
"  hukou_type TEXT NOT NULL DEFAULT '',"
"  phone TEXT NOT NULL DEFAULT '',"
"  reason TEXT NOT NULL DEFAULT '',"		/* 退工原因 */
"  end_date TEXT NOT NULL DEFAULT '',"		/* 退工日期 */
"  contract_no TEXT NOT NULL DEFAULT '',"
"  contract_start TEXT NOT NULL DEFAULT '',"
"  contract_end TEXT NOT NULL DEFAULT '',"	/* '' = 无固定期限 */
"  open_ended INTEGER NOT NULL DEFAULT 0,"
"  post TEXT NOT NULL DEFAULT '',"
"  sb_no TEXT NOT NULL DEFAULT '',"
"  last_paid_month TEXT NOT NULL DEFAULT '',"
"  settled INTEGER NOT NULL DEFAULT 0,"		/* 是否结清 */
"  compensation INTEGER NOT NULL DEFAULT 0,"	/* 经济补偿 paid */
"  lost_contact INTEGER NOT NULL DEFAULT 0,"	/* 员工失联 */
"  handler_name TEXT NOT NULL DEFAULT '',"
"  handler_title TEXT NOT NULL DEFAULT '',"
"  handler_phone TEXT NOT NULL DEFAULT '',"
"  remark TEXT NOT NULL DEFAULT '',"
"  overdue INTEGER NOT NULL DEFAULT 0,"		/* past the 15-day deadline */
"  UNIQUE (task_id, row_no)"
");"
"CREATE INDEX tuigong_employment ON tuigong(employment_id);"
"CREATE TABLE jianyuan ("
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  row_no INTEGER NOT NULL DEFAULT 0,"
"  person_id INTEGER REFERENCES persons(id),"
"  insurance_id INTEGER REFERENCES insurance(id),"
"  name TEXT NOT NULL DEFAULT '',"
"  idno TEXT NOT NULL DEFAULT '',"
"  reason TEXT NOT NULL DEFAULT '',"		/* 减少原因 */
"  change_date TEXT NOT NULL DEFAULT '',"	/* 变更日期 */
"  stop_month TEXT NOT NULL DEFAULT '',"	/* first month not paid */
"  UNIQUE (task_id, row_no)"
");"
"CREATE INDEX jianyuan_person ON jianyuan(person_id);"
"CREATE TABLE batch_failures ("		/* 下载导入失败列表 */
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  row_no INTEGER NOT NULL,"
"  name TEXT NOT NULL DEFAULT '',"
"  idno TEXT NOT NULL DEFAULT '',"
"  reasons TEXT NOT NULL,"
"  raw TEXT NOT NULL DEFAULT ''"		/* the row's cells, tab-separated */
");"
"CREATE INDEX batch_failures_task ON batch_failures(task_id);"
"ALTER TABLE attachments ADD COLUMN person_id INTEGER REFERENCES persons(id);"
"CREATE TABLE assessments ("			/* 单位应收核定 done for a period */
"  unit_id INTEGER NOT NULL REFERENCES units(id),"
"  month TEXT NOT NULL,"
"  assessed_at INTEGER NOT NULL,"
"  PRIMARY KEY (unit_id, month)"
");"
"CREATE TABLE wage_declarations ("		/* 年度缴费工资申报 done */
"  unit_id INTEGER NOT NULL REFERENCES units(id),"
"  year INTEGER NOT NULL,"
"  declared_at INTEGER NOT NULL,"
"  PRIMARY KEY (unit_id, year)"
");",
/* 3: indexes for the hot paths.  A unit's 待办 list walks its 未提交
 * tasks newest first (tasks_unit is a prefix of the new index, so it
 * goes); the 退工 duplicate check walks one employment's rows in task
 * order. */
"CREATE INDEX tasks_unit_updated ON tasks(unit_id, state, updated_at);"
"DROP INDEX tasks_unit;"
"CREATE INDEX tuigong_employment_task ON tuigong(employment_id, task_id);"
"DROP INDEX tuigong_employment;",
/* 4: the reviewer desk's 审核记录 lists every approval and rejection by
 * time, from task_events; without this it read the whole history. */
"CREATE INDEX task_events_decided ON task_events(action, at);",
/* 5: a form's one-time token is one unit's.  tasks.dedup_key was UNIQUE
 * across units while wf_create() looks it up per unit, so a token
 * another unit had used made the INSERT fail (503).  The key moves to
 * a new dedup_key column, unique per unit.  The old column keeps its
 * table-wide UNIQUE (SQLite drops neither without rebuilding tasks,
 * which the foreign keys into it forbid inside this transaction), so
 * it is renamed and emptied, and nothing writes it again. */
"ALTER TABLE tasks RENAME COLUMN dedup_key TO dedup_key_unscoped;"
"ALTER TABLE tasks ADD COLUMN dedup_key TEXT;"
"UPDATE tasks SET dedup_key = dedup_key_unscoped, "
"  dedup_key_unscoped = NULL;"
"CREATE UNIQUE INDEX tasks_dedup ON tasks(unit_id, dedup_key);",
/* 6: the reviewer's partial decision of a batch (SPEC §10): the rows
 * sent back move to a new task of their own, and each keeps its
 * 回退原因 here, with the task it came from (whose first submission
 * the moved rows' deadlines are still measured from).  The desk lists
 * one person's attachments of a page of persons, and searches the
 * queue by submission date across businesses. */
"CREATE TABLE task_row_returns ("
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"	/* the new task */
"  from_task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  row_no INTEGER NOT NULL,"
"  person_id INTEGER REFERENCES persons(id),"
"  name TEXT NOT NULL DEFAULT '',"
"  idno TEXT NOT NULL DEFAULT '',"
"  reason TEXT NOT NULL,"
"  at INTEGER NOT NULL,"
"  UNIQUE (task_id, row_no)"
");"
"CREATE INDEX attachments_person ON attachments(task_id, person_id);"
"CREATE INDEX tasks_submitted ON tasks(state, submitted_at);",
/* 7: forms posted after the session ended, kept for the same
 * certificate and account until the clerk logs in again and confirms
 * them (lib/keep.c): text fields only, urlencoded, never the csrf
 * field; file parts are named (field, file name) but not kept. */
"CREATE TABLE pending_posts ("
"  id TEXT PRIMARY KEY,"			/* 32 hex, random */
"  cert_fp TEXT NOT NULL,"			/* SHA-256 of the certificate */
"  account_id INTEGER NOT NULL REFERENCES accounts(id),"
"  path TEXT NOT NULL,"				/* a route of a program */
"  query TEXT NOT NULL DEFAULT '',"		/* QUERY_STRING as sent */
"  multipart INTEGER NOT NULL DEFAULT 0 CHECK (multipart IN (0, 1)),"
"  body TEXT NOT NULL DEFAULT '',"		/* name=value&... */
"  files TEXT NOT NULL DEFAULT '',"		/* field=file name&... */
"  created_at INTEGER NOT NULL"
");"
"CREATE INDEX pending_posts_cert ON pending_posts(cert_fp, created_at);"
"CREATE INDEX pending_posts_created ON pending_posts(created_at);",
/* 8: a task made by a batch import (批量) says so, so that the shared
 * task pages show any business's batch the same way; the batches
 * imported before are found by their audit rows. */
"ALTER TABLE tasks ADD COLUMN batch INTEGER NOT NULL DEFAULT 0;"
"UPDATE tasks SET batch = 1 WHERE 'task:' || id IN "
"  (SELECT object FROM audit WHERE action = 'batch.import');",
/* 9: the person lists of a unit, paged (issue 8).  The 减员 list walks
 * a unit's 参保缴费 insurance by person; the 在职 pick lists (退工,
 * 员工时间轴, 信息变更) walk a unit's 在职 employments by person; the
 * 退工 open-task look-up of a page's persons (and the duplicate check
 * of a save) finds a person's 退工 rows by 身份证号; 变更记录 pages a
 * unit's change records newest first.  The old two-column indexes are
 * prefixes of the new ones, so they go. */
"CREATE INDEX insurance_unit ON insurance(unit_id, status, person_id);"
"CREATE INDEX employments_unit_person ON employments(unit_id, status, "
"  person_id);"
"DROP INDEX employments_unit;"
"CREATE INDEX tuigong_idno ON tuigong(idno, task_id);"
"CREATE INDEX change_records_unit_id ON change_records(unit_id, id);"
"DROP INDEX change_records_unit;",
/* 10: the history lists, paged and bounded (issue 8).  Each list reads
 * one page of an index in its own order, and its total is a kept
 * tally, so no page reads a unit's whole history:
 * - 已办 (a unit's 进行中 and 结束 tasks by submission, newest first)
 *   and /print (its 结束 tasks by decision) each have an index in
 *   their order; the 消息中心 walks messages_unit by time, and marking
 *   one task's messages read finds them by task;
 * - 审核记录 walks the reviewers' decisions by time in a partial index;
 * - a batch's failed rows are read in row order.
 * tallies holds the counts the lists and the 离职及时率 show, kept by
 * triggers in the transaction of every change, so they cannot drift
 * from the rows (unit_id 0: the hall's own):
 *   (unit, 'task:<state>')     the unit's tasks in that state
 *   (0, 'queue:<business>')    进行中 tasks of a business
 *   (0, 'decided'), (0, 'decided:<business>')  reviewers' decisions
 *   (unit, 'msg'), (unit, 'unread')            its messages
 *   (unit, 'tuigong'), (unit, 'tuigong-on-time')  the 退工 rows of its
 *     进行中 and 结束 退工 tasks, and those not overdue. */
"CREATE INDEX tasks_handled ON tasks(unit_id, submitted_at) "
"  WHERE state IN ('进行中', '结束');"
"CREATE INDEX tasks_done ON tasks(unit_id, decided_at) WHERE state = '结束';"
"CREATE INDEX messages_task ON messages(task_id, unit_id, read);"
"CREATE INDEX task_events_reviewed ON task_events(at) "
"  WHERE action IN ('task.approve', 'task.reject') AND actor_id > 0;"
"CREATE INDEX batch_failures_row ON batch_failures(task_id, row_no);"
"DROP INDEX batch_failures_task;"
"CREATE TABLE tallies ("
"  unit_id INTEGER NOT NULL,"
"  name TEXT NOT NULL,"
"  n INTEGER NOT NULL DEFAULT 0,"
"  PRIMARY KEY (unit_id, name)"
");"
"INSERT INTO tallies (unit_id, name, n) "
"  SELECT unit_id, 'task:' || state, COUNT(*) FROM tasks "
"  GROUP BY unit_id, state;"
"INSERT INTO tallies (unit_id, name, n) "
"  SELECT 0, 'queue:' || business, COUNT(*) FROM tasks "
"  WHERE state = '进行中' GROUP BY business;"
"INSERT INTO tallies (unit_id, name, n) "
"  SELECT 0, 'decided', COUNT(*) FROM task_events "
"  WHERE action IN ('task.approve', 'task.reject') AND actor_id > 0;"
"INSERT INTO tallies (unit_id, name, n) "
"  SELECT 0, 'decided:' || t.business, COUNT(*) FROM task_events e "
"  JOIN tasks t ON t.id = e.task_id "
"  WHERE e.action IN ('task.approve', 'task.reject') AND e.actor_id > 0 "
"  GROUP BY t.business;"
"INSERT INTO tallies (unit_id, name, n) "
"  SELECT unit_id, 'msg', COUNT(*) FROM messages GROUP BY unit_id;"
"INSERT INTO tallies (unit_id, name, n) "
"  SELECT unit_id, 'unread', COUNT(*) FROM messages WHERE read = 0 "
"  GROUP BY unit_id;"
"INSERT INTO tallies (unit_id, name, n) "
"  SELECT t.unit_id, 'tuigong', COUNT(*) FROM tuigong g "
"  JOIN tasks t ON t.id = g.task_id WHERE t.business = 'tuigong' "
"  AND t.state IN ('进行中', '结束') GROUP BY t.unit_id;"
"INSERT INTO tallies (unit_id, name, n) "
"  SELECT t.unit_id, 'tuigong-on-time', COUNT(*) FROM tuigong g "
"  JOIN tasks t ON t.id = g.task_id WHERE t.business = 'tuigong' "
"  AND t.state IN ('进行中', '结束') AND g.overdue = 0 "
"  GROUP BY t.unit_id;"
/* A task created, changing state, or removed. */
"CREATE TRIGGER tallies_task_insert AFTER INSERT ON tasks BEGIN"
"  INSERT INTO tallies (unit_id, name, n)"
"    VALUES (NEW.unit_id, 'task:' || NEW.state, 1)"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"  INSERT INTO tallies (unit_id, name, n)"
"    SELECT 0, 'queue:' || NEW.business, 1 WHERE NEW.state = '进行中'"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"END;"
"CREATE TRIGGER tallies_task_delete AFTER DELETE ON tasks BEGIN"
"  UPDATE tallies SET n = n - 1 WHERE unit_id = OLD.unit_id"
"    AND name = 'task:' || OLD.state;"
"  UPDATE tallies SET n = n - 1 WHERE OLD.state = '进行中'"
"    AND unit_id = 0 AND name = 'queue:' || OLD.business;"
"END;"
"CREATE TRIGGER tallies_task_state AFTER UPDATE OF state ON tasks"
"  WHEN OLD.state <> NEW.state BEGIN"
"  UPDATE tallies SET n = n - 1 WHERE unit_id = OLD.unit_id"
"    AND name = 'task:' || OLD.state;"
"  INSERT INTO tallies (unit_id, name, n)"
"    VALUES (NEW.unit_id, 'task:' || NEW.state, 1)"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"  UPDATE tallies SET n = n - 1 WHERE OLD.state = '进行中'"
"    AND unit_id = 0 AND name = 'queue:' || OLD.business;"
"  INSERT INTO tallies (unit_id, name, n)"
"    SELECT 0, 'queue:' || NEW.business, 1 WHERE NEW.state = '进行中'"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"END;"
"CREATE TRIGGER tallies_task_tuigong AFTER UPDATE OF state ON tasks"
"  WHEN NEW.business = 'tuigong' AND"
"  (NEW.state IN ('进行中', '结束')) <> (OLD.state IN ('进行中', '结束'))"
"  BEGIN"
"  INSERT INTO tallies (unit_id, name, n)"
"    SELECT NEW.unit_id, 'tuigong', COUNT(*) FROM tuigong"
"    WHERE task_id = NEW.id"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n +"
"    CASE WHEN NEW.state IN ('进行中', '结束') THEN excluded.n ELSE -excluded.n END;"
"  INSERT INTO tallies (unit_id, name, n)"
"    SELECT NEW.unit_id, 'tuigong-on-time', COUNT(*) FROM tuigong"
"    WHERE task_id = NEW.id AND overdue = 0"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n +"
"    CASE WHEN NEW.state IN ('进行中', '结束') THEN excluded.n ELSE -excluded.n END;"
"END;"
/* A reviewer's decision. */
"CREATE TRIGGER tallies_decision AFTER INSERT ON task_events"
"  WHEN NEW.action IN ('task.approve', 'task.reject') AND NEW.actor_id > 0"
"  BEGIN"
"  INSERT INTO tallies (unit_id, name, n) VALUES (0, 'decided', 1)"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"  INSERT INTO tallies (unit_id, name, n)"
"    SELECT 0, 'decided:' || business, 1 FROM tasks WHERE id = NEW.task_id"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"END;"
/* Messages written, read, removed. */
"CREATE TRIGGER tallies_msg_insert AFTER INSERT ON messages BEGIN"
"  INSERT INTO tallies (unit_id, name, n) VALUES (NEW.unit_id, 'msg', 1)"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"  INSERT INTO tallies (unit_id, name, n)"
"    SELECT NEW.unit_id, 'unread', 1 WHERE NEW.read = 0"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"END;"
"CREATE TRIGGER tallies_msg_read AFTER UPDATE OF read ON messages"
"  WHEN (OLD.read = 0) <> (NEW.read = 0) BEGIN"
"  INSERT INTO tallies (unit_id, name, n)"
"    VALUES (NEW.unit_id, 'unread', CASE WHEN NEW.read = 0 THEN 1 ELSE 0 END)"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n +"
"    CASE WHEN NEW.read = 0 THEN 1 ELSE -1 END;"
"END;"
"CREATE TRIGGER tallies_msg_delete AFTER DELETE ON messages BEGIN"
"  UPDATE tallies SET n = n - 1 WHERE unit_id = OLD.unit_id AND name = 'msg';"
"  UPDATE tallies SET n = n - 1 WHERE OLD.read = 0"
"    AND unit_id = OLD.unit_id AND name = 'unread';"
"END;"
/* A 退工 row added to, removed from, moved between or marked overdue
 * in counted tasks (进行中 or 结束 退工 tasks). */
"CREATE TRIGGER tallies_tuigong_insert AFTER INSERT ON tuigong BEGIN"
"  INSERT INTO tallies (unit_id, name, n)"
"    SELECT unit_id, 'tuigong', 1 FROM tasks WHERE id = NEW.task_id"
"    AND business = 'tuigong' AND state IN ('进行中', '结束')"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"  INSERT INTO tallies (unit_id, name, n)"
"    SELECT unit_id, 'tuigong-on-time', 1 FROM tasks WHERE id = NEW.task_id"
"    AND business = 'tuigong' AND state IN ('进行中', '结束')"
"    AND NEW.overdue = 0"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"END;"
"CREATE TRIGGER tallies_tuigong_delete AFTER DELETE ON tuigong BEGIN"
"  UPDATE tallies SET n = n - 1 WHERE name = 'tuigong' AND unit_id ="
"    (SELECT unit_id FROM tasks WHERE id = OLD.task_id"
"    AND business = 'tuigong' AND state IN ('进行中', '结束'));"
"  UPDATE tallies SET n = n - 1 WHERE name = 'tuigong-on-time'"
"    AND OLD.overdue = 0 AND unit_id ="
"    (SELECT unit_id FROM tasks WHERE id = OLD.task_id"
"    AND business = 'tuigong' AND state IN ('进行中', '结束'));"
"END;"
"CREATE TRIGGER tallies_tuigong_update AFTER UPDATE OF task_id, overdue"
"  ON tuigong BEGIN"
"  UPDATE tallies SET n = n - 1 WHERE name = 'tuigong' AND unit_id ="
"    (SELECT unit_id FROM tasks WHERE id = OLD.task_id"
"    AND business = 'tuigong' AND state IN ('进行中', '结束'));"
"  UPDATE tallies SET n = n - 1 WHERE name = 'tuigong-on-time'"
"    AND OLD.overdue = 0 AND unit_id ="
"    (SELECT unit_id FROM tasks WHERE id = OLD.task_id"
"    AND business = 'tuigong' AND state IN ('进行中', '结束'));"
"  INSERT INTO tallies (unit_id, name, n)"
"    SELECT unit_id, 'tuigong', 1 FROM tasks WHERE id = NEW.task_id"
"    AND business = 'tuigong' AND state IN ('进行中', '结束')"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"  INSERT INTO tallies (unit_id, name, n)"
"    SELECT unit_id, 'tuigong-on-time', 1 FROM tasks WHERE id = NEW.task_id"
"    AND business = 'tuigong' AND state IN ('进行中', '结束')"
"    AND NEW.overdue = 0"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"END;",
/* 11: indexes the plan check (make test-plans) asked for: a login
 * drops the account's other and idle sessions, and hall-admin
 * cert-revoke a certificate's, each by a column sessions had no index
 * on, so every login read every session of the hall; and writing a
 * task in a statement that fires triggers has SQLite look for rows
 * referring to it in each child table, task_row_returns.from_task_id
 * by a scan.  (Numbered 11 after the list and history indexes of 9
 * and 10, which land from other branches.) */
"CREATE INDEX sessions_account ON sessions(account_id, last_seen);"
"CREATE INDEX sessions_cert ON sessions(cert_fp);"
"CREATE INDEX task_row_returns_from ON task_row_returns(from_task_id);",
/* 12: the reviewer's search by a unit lists the unit's 进行中 tasks by
 * business and submission time: a partial index in that order (only
 * the queue's rows, so a write outside it costs nothing); a person's
 * latest 退工 task (the 离职 timeline, and whether a job was ended by
 * 退工) was found by walking every task of the unit. */
"CREATE INDEX tasks_unit_queue ON tasks(unit_id, business, submitted_at) "
"  WHERE state = '进行中';"
"CREATE INDEX tuigong_person ON tuigong(person_id, task_id);"
/* And the 退工 form counted the unit's 在职 persons for its pager on
 * every view (20,000 index entries of a large unit, most of the form's
 * cost): the count is kept in tallies as 'staff', a person counted once
 * however many 在职 contracts he holds in the unit, the triggers
 * looking up his other contracts on employments_unit_person. */
"INSERT INTO tallies (unit_id, name, n)"
"  SELECT unit_id, 'staff', COUNT(DISTINCT person_id) FROM employments"
"  WHERE status = '在职' GROUP BY unit_id;"
"CREATE TRIGGER tallies_staff_insert AFTER INSERT ON employments"
"  WHEN NEW.status = '在职' BEGIN"
"  INSERT INTO tallies (unit_id, name, n)"
"    SELECT NEW.unit_id, 'staff', 1 WHERE NOT EXISTS (SELECT 1 FROM"
"    employments e WHERE e.unit_id = NEW.unit_id AND e.status = '在职'"
"    AND e.person_id = NEW.person_id AND e.id <> NEW.id)"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"END;"
"CREATE TRIGGER tallies_staff_delete AFTER DELETE ON employments"
"  WHEN OLD.status = '在职' BEGIN"
"  UPDATE tallies SET n = n - 1 WHERE unit_id = OLD.unit_id"
"    AND name = 'staff' AND NOT EXISTS (SELECT 1 FROM employments e"
"    WHERE e.unit_id = OLD.unit_id AND e.status = '在职'"
"    AND e.person_id = OLD.person_id);"
"END;"
"CREATE TRIGGER tallies_staff_update AFTER UPDATE OF status, unit_id,"
"  person_id ON employments"
"  WHEN OLD.status = '在职' OR NEW.status = '在职' BEGIN"
"  UPDATE tallies SET n = n - 1 WHERE OLD.status = '在职'"
"    AND unit_id = OLD.unit_id AND name = 'staff' AND NOT EXISTS ("
"    SELECT 1 FROM employments e WHERE e.unit_id = OLD.unit_id"
"    AND e.status = '在职' AND e.person_id = OLD.person_id);"
"  INSERT INTO tallies (unit_id, name, n)"
"    SELECT NEW.unit_id, 'staff', 1 WHERE NEW.status = '在职'"
"    AND NOT (OLD.status = '在职' AND OLD.unit_id = NEW.unit_id"
"    AND OLD.person_id = NEW.person_id) AND NOT EXISTS (SELECT 1 FROM"
"    employments e WHERE e.unit_id = NEW.unit_id AND e.status = '在职'"
"    AND e.person_id = NEW.person_id AND e.id <> NEW.id)"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"END;",
/* 13: 用工备案 online (issue 9): an employment now records what its
 * registration said besides the contract: 用工形式 (全日制 at one unit
 * at a time, 非全日制 at several), 工种, 用工之日 (the 30-day deadline
 * runs from it; NULL for those registered before the hall, whose
 * start_date stands for it), the region it was registered in ('' =
 * the unit's own), the 用工备案 task that made it and whether it was
 * registered late (逾期, counted against the unit's timeliness), and
 * the 撤销 task that revoked it and when. */
"ALTER TABLE employments ADD COLUMN work_form TEXT NOT NULL "
"  DEFAULT '全日制' CHECK (work_form IN ('全日制', '非全日制'));"
"ALTER TABLE employments ADD COLUMN job_type TEXT NOT NULL DEFAULT '';"
"ALTER TABLE employments ADD COLUMN hire_date TEXT;"
"ALTER TABLE employments ADD COLUMN reg_region TEXT NOT NULL DEFAULT '';"
"ALTER TABLE employments ADD COLUMN reg_task_id INTEGER;"
"ALTER TABLE employments ADD COLUMN late INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE employments ADD COLUMN revoke_task_id INTEGER;"
"ALTER TABLE employments ADD COLUMN revoked_at TEXT;",
/* 14: 用工备案 (issue 9): its detail rows, one per person of a task
 * (row 0 the form's, 1.. a batch's), with the employment each made on
 * approval.  合同编号 is looked up among the unfinished rows and a
 * person's unfinished 用工备案 by 身份证号, each on its own index.  The
 * unit's 用工备案及时率 is kept in tallies ('yonggong', 'yonggong-on-
 * time') as employments registered by the hall are inserted. */
"CREATE TABLE yonggong ("
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  row_no INTEGER NOT NULL DEFAULT 0,"
"  person_id INTEGER REFERENCES persons(id),"
"  employment_id INTEGER REFERENCES employments(id),"
"  name TEXT NOT NULL DEFAULT '',"
"  idno TEXT NOT NULL DEFAULT '',"
"  sex TEXT NOT NULL DEFAULT '',"
"  birth TEXT NOT NULL DEFAULT '',"
"  hukou_type TEXT NOT NULL DEFAULT '',"
"  phone TEXT NOT NULL DEFAULT '',"
"  education TEXT NOT NULL DEFAULT '',"
"  work_form TEXT NOT NULL DEFAULT '',"
"  category TEXT NOT NULL DEFAULT '',"
"  contract_no TEXT NOT NULL DEFAULT '',"
"  contract_start TEXT NOT NULL DEFAULT '',"
"  contract_end TEXT NOT NULL DEFAULT '',"
"  open_ended INTEGER NOT NULL DEFAULT 0,"
"  post TEXT NOT NULL DEFAULT '',"
"  job_type TEXT NOT NULL DEFAULT '',"
"  wage_fen INTEGER NOT NULL DEFAULT 0,"
"  hire_date TEXT NOT NULL DEFAULT '',"
"  late INTEGER NOT NULL DEFAULT 0,"
"  UNIQUE (task_id, row_no)"
");"
"CREATE INDEX yonggong_contract ON yonggong(contract_no, task_id);"
"CREATE INDEX yonggong_idno ON yonggong(idno, task_id);"
/* The foreign keys' look-ups (an employment or a person inserted
 * probes its child rows) and a registration's 用工备案 row. */
"CREATE INDEX yonggong_employment ON yonggong(employment_id);"
"CREATE INDEX yonggong_person ON yonggong(person_id);"
"CREATE TRIGGER tallies_yonggong AFTER INSERT ON employments"
"  WHEN NEW.reg_task_id IS NOT NULL BEGIN"
"  INSERT INTO tallies (unit_id, name, n) VALUES (NEW.unit_id, 'yonggong', 1)"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"  INSERT INTO tallies (unit_id, name, n)"
"    SELECT NEW.unit_id, 'yonggong-on-time', 1 WHERE NEW.late = 0"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"END;",
/* 15: 备案查询 (issue 9), a unit's registrations searched and paged
 * newest first, each search on an index in the list's order so that a
 * page and its count cost the same in a unit of 20,000 as in one of 20
 * (lib/beian.c): by 登记日期 alone, by status, by exact 姓名, and a
 * person's by unit (the old person index is its prefix, so it goes).
 * 姓名 lives in persons; a search by it must not walk them, so each
 * employment keeps its person's name, set by triggers when it is made
 * or moved and when the person's name changes (only persons' and
 * employments' own writes touch it).  */
"ALTER TABLE employments ADD COLUMN person_name TEXT NOT NULL DEFAULT '';"
"UPDATE employments SET person_name = (SELECT p.name FROM persons p"
"  WHERE p.id = employments.person_id);"
"CREATE TRIGGER employments_name_insert AFTER INSERT ON employments BEGIN"
"  UPDATE employments SET person_name = (SELECT p.name FROM persons p"
"    WHERE p.id = NEW.person_id) WHERE id = NEW.id;"
"END;"
"CREATE TRIGGER employments_name_move AFTER UPDATE OF person_id"
"  ON employments BEGIN"
"  UPDATE employments SET person_name = (SELECT p.name FROM persons p"
"    WHERE p.id = NEW.person_id) WHERE id = NEW.id;"
"END;"
"CREATE TRIGGER persons_name_employments AFTER UPDATE OF name ON persons"
"  WHEN OLD.name <> NEW.name BEGIN"
"  UPDATE employments SET person_name = NEW.name"
"    WHERE person_id = NEW.id;"
"END;"
"CREATE INDEX employments_unit_reg ON employments(unit_id, registered_at);"
"CREATE INDEX employments_unit_status_reg ON employments(unit_id, status,"
"  registered_at);"
"CREATE INDEX employments_unit_name ON employments(unit_id, person_name,"
"  registered_at);"
"CREATE INDEX employments_person_unit ON employments(person_id, unit_id,"
"  registered_at);"
"DROP INDEX employments_person;"
/* And the list's counts without a search or by status alone, the
 * page everyone opens first, are kept in tallies as 'emp:<status>'
 * (registrations, not persons: 'staff' counts a person once), in the
 * transaction of every change, so a unit of 20,000 counts as fast as
 * one of 20. */
"INSERT INTO tallies (unit_id, name, n)"
"  SELECT unit_id, 'emp:' || status, COUNT(*) FROM employments"
"  GROUP BY unit_id, status;"
"CREATE TRIGGER tallies_emp_insert AFTER INSERT ON employments BEGIN"
"  INSERT INTO tallies (unit_id, name, n)"
"    VALUES (NEW.unit_id, 'emp:' || NEW.status, 1)"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"END;"
"CREATE TRIGGER tallies_emp_delete AFTER DELETE ON employments BEGIN"
"  UPDATE tallies SET n = n - 1 WHERE unit_id = OLD.unit_id"
"    AND name = 'emp:' || OLD.status;"
"END;"
"CREATE TRIGGER tallies_emp_update AFTER UPDATE OF status, unit_id"
"  ON employments WHEN OLD.status <> NEW.status"
"  OR OLD.unit_id <> NEW.unit_id BEGIN"
"  UPDATE tallies SET n = n - 1 WHERE unit_id = OLD.unit_id"
"    AND name = 'emp:' || OLD.status;"
"  INSERT INTO tallies (unit_id, name, n)"
"    VALUES (NEW.unit_id, 'emp:' || NEW.status, 1)"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"END;",

/* 16: 撤销 (issue 9): one row per task, the registration it revokes,
 * 撤销原因 and 说明, whether the 经办人 is the 法定代表人, the corrected
 * registration of a 信息错误 (complete; the one created on approval in
 * new_employment_id) and 逾期.  Indexed by the registration, for the
 * pending-撤销 rule and 备案查询's history of a registration. */
"CREATE TABLE chexiao ("
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  row_no INTEGER NOT NULL DEFAULT 0,"
"  employment_id INTEGER NOT NULL REFERENCES employments(id),"
"  person_id INTEGER REFERENCES persons(id),"
"  name TEXT NOT NULL DEFAULT '',"
"  idno TEXT NOT NULL DEFAULT '',"
"  reason TEXT NOT NULL DEFAULT '',"		/* 撤销原因 */
"  explanation TEXT NOT NULL DEFAULT '',"	/* 撤销说明 */
"  handler_is_rep INTEGER NOT NULL DEFAULT 1,"	/* 经办人 is 法定代表人 */
"  handler_name TEXT NOT NULL DEFAULT '',"
"  handler_phone TEXT NOT NULL DEFAULT '',"
"  fix_name TEXT NOT NULL DEFAULT '',"		/* 信息错误: corrected */
"  fix_contract_no TEXT NOT NULL DEFAULT '',"
"  fix_start TEXT NOT NULL DEFAULT '',"
"  fix_end TEXT NOT NULL DEFAULT '',"		/* '' = 无固定期限 */
"  fix_post TEXT NOT NULL DEFAULT '',"
"  fix_job_type TEXT NOT NULL DEFAULT '',"
"  fix_wage_fen INTEGER NOT NULL DEFAULT 0,"
"  fix_work_form TEXT NOT NULL DEFAULT '',"
"  new_employment_id INTEGER REFERENCES employments(id),"
"  late INTEGER NOT NULL DEFAULT 0,"		/* 逾期 */
"  UNIQUE (task_id, row_no)"
");"
"CREATE INDEX chexiao_employment ON chexiao(employment_id, task_id);"
"CREATE INDEX chexiao_new_employment ON chexiao(new_employment_id, "
"  task_id);",
/* 17: the 减员 person list counted the unit's 参保缴费 insurance rows
 * for its pager on every view (20,000 index entries of a large unit,
 * 10M instructions, most of the page): the count is kept in tallies as
 * (unit, 'insured').  With triggers on insurance, SQLite looks for
 * jianyuan rows referring to each insurance row written (as 11 says of
 * tasks): an index on jianyuan.insurance_id, or each write scans them. */
"CREATE INDEX jianyuan_insurance ON jianyuan(insurance_id);"
"INSERT INTO tallies (unit_id, name, n)"
"  SELECT unit_id, 'insured', COUNT(*) FROM insurance"
"  WHERE status = '参保缴费' GROUP BY unit_id;"
"CREATE TRIGGER tallies_insured_insert AFTER INSERT ON insurance"
"  WHEN NEW.status = '参保缴费' BEGIN"
"  INSERT INTO tallies (unit_id, name, n) VALUES (NEW.unit_id, 'insured', 1)"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"END;"
"CREATE TRIGGER tallies_insured_delete AFTER DELETE ON insurance"
"  WHEN OLD.status = '参保缴费' BEGIN"
"  UPDATE tallies SET n = n - 1 WHERE unit_id = OLD.unit_id"
"    AND name = 'insured';"
"END;"
"CREATE TRIGGER tallies_insured_update AFTER UPDATE OF status, unit_id"
"  ON insurance WHEN OLD.status = '参保缴费' OR NEW.status = '参保缴费'"
"  BEGIN"
"  UPDATE tallies SET n = n - 1 WHERE OLD.status = '参保缴费'"
"    AND unit_id = OLD.unit_id AND name = 'insured';"
"  INSERT INTO tallies (unit_id, name, n)"
"    SELECT NEW.unit_id, 'insured', 1 WHERE NEW.status = '参保缴费'"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"END;",
/* 18: 办事预约 (issue 10): a 普通 unit's booking of a slot at its
 * office (region: the unit's 辖区经办机构) for a submitted task (lib/
 * yuyue.c).  A task has at most one 有效 booking (a partial unique
 * index); a move changes day and slot in place (moved_from: where it
 * was).  The places of an office's day are counted, and the desk lists
 * a day's bookings, on appointments_day (day, region, slot) of the 有效
 * ones only; a unit's list walks appointments_unit by day, its total a
 * kept tally (unit, 'yuyue'); the form's one-time token is unique per
 * unit.  task_id has a plain index too: SQLite looks for the rows
 * referring to a task it writes (as migration 11 says), and a partial
 * index does not serve that. */
"CREATE TABLE appointments ("
"  id INTEGER PRIMARY KEY,"
"  unit_id INTEGER NOT NULL REFERENCES units(id),"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  region TEXT NOT NULL,"			/* the office */
"  day TEXT NOT NULL,"				/* YYYY-MM-DD */
"  slot TEXT NOT NULL,"				/* HH:MM-HH:MM */
"  state TEXT NOT NULL DEFAULT '有效' CHECK (state IN ('有效', '已取消')),"
"  moved_from TEXT NOT NULL DEFAULT '',"	/* 'YYYY-MM-DD HH:MM-HH:MM' */
"  dedup_key TEXT,"				/* the form's one-time token */
"  created_at INTEGER NOT NULL,"
"  updated_at INTEGER NOT NULL"
");"
"CREATE UNIQUE INDEX appointments_live ON appointments(task_id)"
"  WHERE state = '有效';"
"CREATE INDEX appointments_task ON appointments(task_id);"
"CREATE INDEX appointments_day ON appointments(day, region, slot)"
"  WHERE state = '有效';"
"CREATE INDEX appointments_unit ON appointments(unit_id, day, slot);"
"CREATE UNIQUE INDEX appointments_dedup ON appointments(unit_id, dedup_key);"
"CREATE TRIGGER tallies_yuyue_insert AFTER INSERT ON appointments BEGIN"
"  INSERT INTO tallies (unit_id, name, n) VALUES (NEW.unit_id, 'yuyue', 1)"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"END;",
/* 19: 增员 (续保) (issue 10).  Facts of a person that come from other
 * offices: the 个人流动窗口 where he pays as 灵活就业 ('' none), whether
 * he is in the 大学生医保, and whether the store holds his 电子相片
 * (the 增员 asks for one when not).  A unit's 参保险种 (a person's are
 * the unit's, seed 003 rule 6).  The detail rows of 增员, one per
 * person of a task (row 0 the form's, 1.. a batch's), with what
 * approval made: the insurance row and the 缴费基数.  A person's
 * unfinished 增员 is looked up by 身份证号, his 增员 for the timeline
 * by person (insurance's own UNIQUE (person_id, unit_id) finds his
 * insurance elsewhere). */
"ALTER TABLE persons ADD COLUMN flow_window TEXT NOT NULL DEFAULT '';"
"ALTER TABLE persons ADD COLUMN student_medical INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE persons ADD COLUMN photo INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE units ADD COLUMN ins_types TEXT NOT NULL"
"  DEFAULT '养老,医疗,失业,工伤,生育,大额医疗';"
"CREATE TABLE zengyuan ("
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  row_no INTEGER NOT NULL DEFAULT 0,"
"  person_id INTEGER REFERENCES persons(id),"
"  insurance_id INTEGER REFERENCES insurance(id),"
"  name TEXT NOT NULL DEFAULT '',"
"  idno TEXT NOT NULL DEFAULT '',"
"  sex TEXT NOT NULL DEFAULT '',"
"  nation TEXT NOT NULL DEFAULT '',"
"  birth TEXT NOT NULL DEFAULT '',"
"  hukou_type TEXT NOT NULL DEFAULT '',"
"  phone TEXT NOT NULL DEFAULT '',"
"  hukou_addr TEXT NOT NULL DEFAULT '',"
"  start_month TEXT NOT NULL DEFAULT '',"	/* 参保日期 YYYY-MM */
"  wage_fen INTEGER NOT NULL DEFAULT 0,"	/* 申报工资 */
"  bujiao_from TEXT NOT NULL DEFAULT '',"	/* 追溯补缴 from, '' 否 */
"  sb_no TEXT NOT NULL DEFAULT '',"		/* 个人编号 of a 续保 */
"  special TEXT NOT NULL DEFAULT '',"		/* 特殊人群, '' none */
"  ins_types TEXT NOT NULL DEFAULT '',"	/* the unit's, at save */
"  renewal INTEGER NOT NULL DEFAULT 0,"	/* 续保: insured before */
"  base_fen INTEGER NOT NULL DEFAULT 0,"	/* 缴费基数, on approval */
"  UNIQUE (task_id, row_no)"
");"
"CREATE INDEX zengyuan_idno ON zengyuan(idno, task_id);"
"CREATE INDEX zengyuan_person ON zengyuan(person_id, task_id);"
"CREATE INDEX zengyuan_insurance ON zengyuan(insurance_id);",
/* 20 (issue 10, 打包快办): a package runs the tasks of one person's
 * 入职 (用工备案 + 增员) or 离职 (减员 + 退工) in the order the region
 * requires.  package_steps(task_id) is how the workflow finds, after a
 * decision, whether the task belongs to a package (one indexed lookup);
 * packages(unit_id, id) pages the unit's 打包记录 newest first,
 * (unit_id, idno, id) the employee's timeline, and the tally
 * (unit, 'packages') counts them for the pager.  A step the hall can
 * only save once the one before it is approved (增员 needs the
 * registration 用工备案 makes) has no task yet and keeps its form. */
"CREATE TABLE packages ("
"  id INTEGER PRIMARY KEY,"
"  unit_id INTEGER NOT NULL REFERENCES units(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('入职', '离职')),"
"  person_id INTEGER REFERENCES persons(id),"
"  idno TEXT NOT NULL,"
"  name TEXT NOT NULL DEFAULT '',"
"  state TEXT NOT NULL DEFAULT '未提交',"
"  note TEXT NOT NULL DEFAULT '',"
"  dedup_key TEXT,"
"  created_by INTEGER NOT NULL DEFAULT 0,"
"  created_at INTEGER NOT NULL,"
"  updated_at INTEGER NOT NULL"
");"
"CREATE INDEX packages_unit ON packages(unit_id, id);"
"CREATE INDEX packages_person ON packages(unit_id, idno, id);"
"CREATE UNIQUE INDEX packages_dedup ON packages(unit_id, dedup_key)"
"  WHERE dedup_key IS NOT NULL;"
"CREATE TABLE package_steps ("
"  package_id INTEGER NOT NULL REFERENCES packages(id),"
"  step_no INTEGER NOT NULL,"
"  business TEXT NOT NULL,"
"  task_id INTEGER REFERENCES tasks(id),"	/* NULL: saved later */
"  hold TEXT NOT NULL DEFAULT '',"		/* '', 等待, 暂缓, 未通过 */
"  note TEXT NOT NULL DEFAULT '',"
"  form TEXT NOT NULL DEFAULT '',"		/* a later step's fields */
"  PRIMARY KEY (package_id, step_no)"
");"
"CREATE UNIQUE INDEX package_steps_task ON package_steps(task_id);"
"CREATE TRIGGER tallies_packages_insert AFTER INSERT ON packages BEGIN"
"  INSERT INTO tallies (unit_id, name, n) VALUES (NEW.unit_id, 'packages', 1)"
"    ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1;"
"END;",
/* 21 (issue 11, 缴费工资): the 缴费基数 of a 参保 row over time.  A
 * 个人工资变更 or an annual 工资申报 sets a new 申报工资 and its clamped
 * base from a month on (the next month, or the declared year's first);
 * the base of a month is the row with the latest from_month not after
 * it (wage_bases(insurance_id, from_month), one indexed lookup), else
 * the 参保 row's own base_fen.  insurance.wage_fen keeps the 申报工资 of
 * the 增员 that opened the row (backfilled from the 增员 rows). */
"CREATE TABLE wage_bases ("
"  id INTEGER PRIMARY KEY,"
"  insurance_id INTEGER NOT NULL REFERENCES insurance(id),"
"  from_month TEXT NOT NULL,"			/* YYYY-MM */
"  wage_fen INTEGER NOT NULL,"			/* 申报工资 */
"  base_fen INTEGER NOT NULL,"			/* 缴费基数, clamped */
"  business TEXT NOT NULL DEFAULT '',"		/* who set it */
"  task_id INTEGER REFERENCES tasks(id),"
"  set_at INTEGER NOT NULL,"
"  UNIQUE (insurance_id, from_month)"
");"
"ALTER TABLE insurance ADD COLUMN wage_fen INTEGER NOT NULL DEFAULT 0;"
"UPDATE insurance SET wage_fen = COALESCE((SELECT z.wage_fen FROM zengyuan z"
"  WHERE z.insurance_id = insurance.id ORDER BY z.id DESC LIMIT 1), 0);",
/* 22 (issue 11, 个人工资变更): one row per task (row_no 0), the person's
 * 参保 at the unit and the wage asked for; base_fen, from_month, side
 * and note are what the approval made of it (wagebase.h: the wage
 * clamped to the year's floor and ceiling from the next month).  A
 * person is found by 身份证号 or by 社保个人编号 (insurance_sb_no). */
"CREATE TABLE gongzi ("
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  row_no INTEGER NOT NULL DEFAULT 0,"
"  person_id INTEGER REFERENCES persons(id),"
"  insurance_id INTEGER REFERENCES insurance(id),"
"  name TEXT NOT NULL DEFAULT '',"
"  idno TEXT NOT NULL DEFAULT '',"
"  sb_no TEXT NOT NULL DEFAULT '',"
"  old_wage_fen INTEGER NOT NULL DEFAULT 0,"	/* 原申报工资 at save */
"  old_base_fen INTEGER NOT NULL DEFAULT 0,"	/* 原缴费基数 at save */
"  wage_fen INTEGER NOT NULL,"			/* 变更后申报工资 */
"  base_fen INTEGER NOT NULL DEFAULT 0,"	/* 核定缴费基数 (approved) */
"  from_month TEXT NOT NULL DEFAULT '',"	/* YYYY-MM (approved) */
"  side INTEGER NOT NULL DEFAULT 0,"		/* enum wb_side */
"  note TEXT NOT NULL DEFAULT '',"		/* wb_clamp_note */
"  UNIQUE (task_id, row_no)"
");"
"CREATE INDEX gongzi_insurance ON gongzi(insurance_id);"
"CREATE INDEX gongzi_person ON gongzi(person_id, task_id);"
"CREATE INDEX insurance_sb_no ON insurance(sb_no);"
/* wage_bases.task_id (migration 21) had no index: every INSERT INTO
 * tasks scanned wage_bases for its foreign key (make test-plans). */
"CREATE INDEX wage_bases_task ON wage_bases(task_id);",
/* 23 (issue 11, the reviewer desk and the 名册): the reviewer desk finds a task's persons by
 * 身份证号 (jianyuan had no index on idno; zengyuan and tuigong have
 * one); a reviewer's marks of persons 不通过, each with its reason,
 * kept across pages and searches until the decision (review_marks);
 * the 缴费基数名册 a unit prints, each numbered with a verification
 * code, its rows fixed when issued so the printout, its .xlsx and
 * /verify agree however bases change later (mingce, mingce_rows). */
"CREATE INDEX jianyuan_idno ON jianyuan(idno, task_id);"
"CREATE TABLE review_marks ("
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  row_no INTEGER NOT NULL,"
"  name TEXT NOT NULL DEFAULT '',"
"  idno TEXT NOT NULL DEFAULT '',"
"  reason TEXT NOT NULL,"
"  marked_by INTEGER NOT NULL DEFAULT 0,"
"  marked_at INTEGER NOT NULL,"
"  PRIMARY KEY (task_id, row_no)"
");"
"CREATE TABLE mingce ("
"  id INTEGER PRIMARY KEY,"
"  mingce_no TEXT NOT NULL UNIQUE,"		/* 名册编号 */
"  code TEXT NOT NULL,"				/* 验证码 */
"  unit_id INTEGER NOT NULL REFERENCES units(id),"
"  year INTEGER NOT NULL,"
"  month TEXT NOT NULL,"			/* bases in force in it */
"  persons INTEGER NOT NULL DEFAULT 0,"
"  wage_total_fen INTEGER NOT NULL DEFAULT 0,"
"  base_total_fen INTEGER NOT NULL DEFAULT 0,"
"  issued_by INTEGER NOT NULL DEFAULT 0,"
"  issued_at INTEGER NOT NULL,"
"  dedup_key TEXT"
");"
"CREATE INDEX mingce_unit ON mingce(unit_id, id);"
"CREATE UNIQUE INDEX mingce_dedup ON mingce(unit_id, dedup_key)"
"  WHERE dedup_key IS NOT NULL;"
"CREATE TABLE mingce_rows ("
"  mingce_id INTEGER NOT NULL REFERENCES mingce(id),"
"  row_no INTEGER NOT NULL,"
"  person_id INTEGER NOT NULL,"
"  name TEXT NOT NULL DEFAULT '',"
"  idno TEXT NOT NULL DEFAULT '',"
"  sb_no TEXT NOT NULL DEFAULT '',"
"  wage_fen INTEGER NOT NULL,"			/* 申报工资 */
"  base_fen INTEGER NOT NULL,"			/* 缴费基数 */
"  from_month TEXT NOT NULL DEFAULT '',"	/* in force since */
"  PRIMARY KEY (mingce_id, row_no)"
") WITHOUT ROWID;",
/* 24 (issue 12, 欠费): lib/arrears.c is
 * the only module on arrears.  A task (补缴, 注销) reserves a person's
 * owing rows (task_id), releases them (回退: NULL again) or settles
 * them (settled 1, settled_how '补缴' or '注销', settled_at unix time,
 * settled_by account, 0 the system).  arrears_unit pages a unit's owing
 * persons and counts them from the index alone; arrears_task walks a
 * task's rows in person, month order (the 明细表). */
"ALTER TABLE arrears ADD COLUMN task_id INTEGER REFERENCES tasks(id);"
"ALTER TABLE arrears ADD COLUMN settled_how TEXT NOT NULL DEFAULT '';"
"ALTER TABLE arrears ADD COLUMN settled_at INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE arrears ADD COLUMN settled_by INTEGER NOT NULL DEFAULT 0;"
"CREATE INDEX arrears_unit ON arrears(unit_id, settled, person_id, month,"
"  amount_fen, task_id);"
"CREATE INDEX arrears_task ON arrears(task_id, person_id, month)"
"  WHERE task_id IS NOT NULL;",
/* 25 (issue 11, uploads with progress): an upload of more rows than
 * batch.sync_rows is a job (lib/batch.c): the file and its parsed rows
 * (cells: per row row_no, dup_of and the cells, each NUL-terminated;
 * dropped once done) kept with its task, imported in chunks that each
 * advance done/ok/failed in the same transaction as their rows, by the
 * process holding the lease (lease_pid until lease_until, seconds).
 * batch_jobs(task_id) finds a task's job; (unit_id, id) the unit's. */
"CREATE TABLE batch_jobs ("
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL UNIQUE REFERENCES tasks(id),"
"  unit_id INTEGER NOT NULL REFERENCES units(id),"
"  business TEXT NOT NULL,"
"  state TEXT NOT NULL DEFAULT 'running'"
"    CHECK (state IN ('running', 'done', 'failed')),"
"  rows INTEGER NOT NULL,"
"  done INTEGER NOT NULL DEFAULT 0,"
"  ok INTEGER NOT NULL DEFAULT 0,"
"  failed INTEGER NOT NULL DEFAULT 0,"
"  ncols INTEGER NOT NULL,"
"  today TEXT NOT NULL,"				/* the upload's day */
"  account_id INTEGER NOT NULL DEFAULT 0,"	/* who uploaded */
"  actor_name TEXT NOT NULL DEFAULT '',"
"  cert_fp TEXT NOT NULL DEFAULT '',"
"  cells BLOB,"					/* NULL once done */
"  file BLOB,"					/* the upload as sent */
"  lease_pid INTEGER NOT NULL DEFAULT 0,"
"  lease_until INTEGER NOT NULL DEFAULT 0,"
"  claims INTEGER NOT NULL DEFAULT 0,"
"  tx_max_us INTEGER NOT NULL DEFAULT 0,"	/* longest write tx */
"  message TEXT NOT NULL DEFAULT '',"
"  created_at INTEGER NOT NULL,"
"  finished_at INTEGER"
");"
"CREATE INDEX batch_jobs_unit ON batch_jobs(unit_id, id);",
/* 26 (issue 12, 当月欠费注销): one row per
 * task (row 0): the person, the month cancelled, the arrears and the
 * levy's amount at save, and who confirmed (the clerk's 无法恢复 tick)
 * and when.  The settlement itself is on arrears (settled_how '注销').
 * zhuxiao_person finds another unfinished 注销 of a person's month. */
"CREATE TABLE zhuxiao ("
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  row_no INTEGER NOT NULL DEFAULT 0,"
"  person_id INTEGER NOT NULL REFERENCES persons(id),"
"  name TEXT NOT NULL DEFAULT '',"
"  idno TEXT NOT NULL DEFAULT '',"
"  month TEXT NOT NULL,"				/* YYYY-MM */
"  amount_fen INTEGER NOT NULL DEFAULT 0,"	/* arrears.amount_fen */
"  levy_fen INTEGER NOT NULL DEFAULT 0,"		/* levy's 应缴 */
"  confirmed_by INTEGER NOT NULL DEFAULT 0,"	/* account */
"  confirmed_at INTEGER NOT NULL DEFAULT 0,"	/* unix time */
"  UNIQUE (task_id, row_no)"
");"
"CREATE INDEX zhuxiao_person ON zhuxiao(person_id, month, task_id);",
/* 27 (issue 11, 年度缴费工资申报, lib/nianbao.c): one row per person of a
 * declaration, row_no 0 for the form and the file's row for a batch;
 * the 缴费年度 declared on each row (a reviewer's partial decision moves
 * rows to a task of their own).  Found by 身份证号 within a task (the
 * unit's 上传明细 and the reviewer's search), and by person and year
 * (another live declaration of the year, the 未申报人员 list).  The same
 * rows serve 非统筹退休人员工资申报 (txgz): its persons are the unit's
 * txgz_retirees (registered at the counter), found by retiree_id. */
/* txgz_retirees first: PostgreSQL wants a referenced table to exist
 * (the schema is the same either way). */
"CREATE TABLE txgz_retirees ("		/* 非统筹退休人员 of a unit */
"  id INTEGER PRIMARY KEY,"
"  unit_id INTEGER NOT NULL REFERENCES units(id),"
"  person_id INTEGER REFERENCES persons(id),"
"  name TEXT NOT NULL,"
"  idno TEXT NOT NULL,"
"  sb_no TEXT NOT NULL DEFAULT '',"
"  retire_date TEXT NOT NULL DEFAULT '',"
"  category TEXT NOT NULL DEFAULT '',"		/* 机关事业单位退休 … */
"  status TEXT NOT NULL DEFAULT '正常' CHECK (status IN ('正常', '终止')),"
"  wage_fen INTEGER NOT NULL DEFAULT 0,"	/* last approved declaration */
"  base_fen INTEGER NOT NULL DEFAULT 0,"
"  wage_year INTEGER NOT NULL DEFAULT 0,"
"  UNIQUE (unit_id, idno)"
");"
"CREATE INDEX txgz_retirees_unit ON txgz_retirees(unit_id, status, id);"
"CREATE TABLE nianbao ("
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  row_no INTEGER NOT NULL DEFAULT 0,"
"  year INTEGER NOT NULL,"			/* 缴费年度 declared */
"  person_id INTEGER REFERENCES persons(id),"
"  insurance_id INTEGER REFERENCES insurance(id),"
"  name TEXT NOT NULL DEFAULT '',"
"  idno TEXT NOT NULL DEFAULT '',"
"  sb_no TEXT NOT NULL DEFAULT '',"		/* 个人编号 */
"  wage_fen INTEGER NOT NULL,"			/* 上年度月平均工资 */
"  prev_fen INTEGER NOT NULL DEFAULT 0,"	/* 申报工资 before */
"  remark TEXT NOT NULL DEFAULT '',"		/* 备注 */
"  base_fen INTEGER NOT NULL DEFAULT 0,"	/* 缴费基数, on approval */
"  retiree_id INTEGER REFERENCES txgz_retirees(id),"	/* txgz's */
"  UNIQUE (task_id, row_no)"
");"
"CREATE INDEX nianbao_idno ON nianbao(task_id, idno);"
"CREATE INDEX nianbao_person ON nianbao(person_id, year, task_id);"
"CREATE INDEX nianbao_retiree ON nianbao(retiree_id, year, task_id);"
"CREATE INDEX nianbao_insurance ON nianbao(insurance_id);",
/* 28 (issue 12, 欠费补缴): lib/bujiao.c
 * owns bujiao*.  A 补缴 task's computation is fixed at save: one row
 * per person (bujiao_persons, the 明细表's and the reviewer's rows),
 * one per person and month holding its lines of every type and side
 * (bujiao_lines: a 全部清欠 of 20,000 persons × 12 months is 240,000
 * rows, not 2.6 million, written under the lock) and the totals
 * per type and side (bujiao_totals, the 核定表).  bujiao.pay_state
 * follows the task once 结束: 待到帐 (arrears reserved), 已回退 (欠费
 * 补缴回退: arrears owing again, receipts 作废) or 已到帐 (缴费到帐确认:
 * arrears settled); bujiao_pay lists what awaits 到帐确认.  receipts
 * gain voided_at/void_reason (lib/receipt.c) for the verify page. */
"CREATE TABLE bujiao ("
"  task_id INTEGER PRIMARY KEY REFERENCES tasks(id),"
"  scope TEXT NOT NULL CHECK (scope IN ('员工', '全部')),"
"  computed_on TEXT NOT NULL,"			/* 核定日期 YYYY-MM-DD */
"  persons INTEGER NOT NULL DEFAULT 0,"
"  months INTEGER NOT NULL DEFAULT 0,"		/* person-months */
"  amount_fen INTEGER NOT NULL DEFAULT 0,"	/* 应缴 */
"  late_fen INTEGER NOT NULL DEFAULT 0,"	/* 滞纳金 */
"  pay_state TEXT NOT NULL DEFAULT '' CHECK (pay_state IN"
"    ('', '待到帐', '已回退', '已到帐')),"
"  tax_no TEXT NOT NULL DEFAULT '',"		/* 税票号 */
"  paid_fen INTEGER NOT NULL DEFAULT 0,"
"  paid_on TEXT NOT NULL DEFAULT '',"
"  state_by INTEGER NOT NULL DEFAULT 0,"	/* who rolled back/confirmed */
"  state_at INTEGER NOT NULL DEFAULT 0"
");"
"CREATE INDEX bujiao_pay ON bujiao(pay_state, task_id);"
"CREATE TABLE bujiao_persons ("
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  row_no INTEGER NOT NULL,"
"  person_id INTEGER NOT NULL REFERENCES persons(id),"
"  name TEXT NOT NULL, idno TEXT NOT NULL,"
"  nmonths INTEGER NOT NULL, first TEXT NOT NULL, last TEXT NOT NULL,"
"  unit_fen INTEGER NOT NULL, person_fen INTEGER NOT NULL,"
"  late_fen INTEGER NOT NULL,"
"  UNIQUE (task_id, row_no), UNIQUE (task_id, person_id)"
");"
"CREATE TABLE bujiao_lines ("		/* one row per person and month */
"  id INTEGER PRIMARY KEY,"
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  row_no INTEGER NOT NULL,"
"  month TEXT NOT NULL,"
"  due TEXT NOT NULL,"				/* 缴费期限 YYYY-MM-DD */
"  lines TEXT NOT NULL,"		/* 'type,side,base,bp,amount,days,late_bp,late;'… */
"  UNIQUE (task_id, row_no, month)"
");"
"CREATE TABLE bujiao_totals ("
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  type INTEGER NOT NULL, side INTEGER NOT NULL,"
"  amount_fen INTEGER NOT NULL, late_fen INTEGER NOT NULL,"
"  PRIMARY KEY (task_id, type, side)"
");"
"ALTER TABLE receipts ADD COLUMN voided_at INTEGER NOT NULL DEFAULT 0;"
"ALTER TABLE receipts ADD COLUMN void_reason TEXT NOT NULL DEFAULT '';",
/* 29 (issue 13, 离职及时率, lib/timeliness.c): one row per departure
 * (kind 'tuigong', dated by its 退工日期) or hire ('yonggong', by its
 * 用工之日) the hall knows of: registered (done_on, the first
 * submission of the task that registered it), announced and still
 * open (a 减员 of a departure reason approved, done_on NULL), or
 * open past its due date (late = 1, set by timeliness_sweep()).  The
 * counts per unit, kind and month (timeliness_months) and per year
 * (timeliness_years) are kept by triggers in the transaction of every
 * change, each with its rate (‰ of the decided ones on time) in an
 * index, so that 12 months of a unit read 12 rows and the office ranks
 * units by a month or a year without reading them all.  The open rows
 * are found by due date through partial indexes (the 预警 list of a
 * unit, the sweep); timeliness_warned keeps the deadline messages
 * sent, one per row and due date. */
"CREATE TABLE timeliness_items ("
"  id INTEGER PRIMARY KEY,"
"  unit_id INTEGER NOT NULL REFERENCES units(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('tuigong', 'yonggong')),"
"  idno TEXT NOT NULL,"
"  person_id INTEGER NOT NULL DEFAULT 0,"
"  name TEXT NOT NULL DEFAULT '',"
"  ref_date TEXT NOT NULL,"			/* 退工日期 / 用工之日 */
"  due_date TEXT NOT NULL,"			/* last day on time */
"  done_on TEXT,"				/* first submitted; NULL open */
"  late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),"
"  task_id INTEGER NOT NULL DEFAULT 0,"		/* the task that registered it */
"  source_task_id INTEGER NOT NULL DEFAULT 0,"	/* the 减员 that announced it */
"  UNIQUE (unit_id, kind, idno, ref_date)"
");"
"CREATE INDEX timeliness_items_task ON timeliness_items(task_id, idno);"
"CREATE INDEX timeliness_items_open ON timeliness_items(unit_id, kind,"
"  due_date, id) WHERE done_on IS NULL;"
"CREATE INDEX timeliness_items_sweep ON timeliness_items(due_date)"
"  WHERE done_on IS NULL AND late = 0;"
"CREATE INDEX timeliness_items_unit_sweep ON timeliness_items(unit_id,"
"  due_date) WHERE done_on IS NULL AND late = 0;"
"CREATE TABLE timeliness_months ("
"  unit_id INTEGER NOT NULL,"
"  kind TEXT NOT NULL,"
"  month TEXT NOT NULL,"			/* YYYY-MM */
"  on_time INTEGER NOT NULL DEFAULT 0,"
"  late INTEGER NOT NULL DEFAULT 0,"
"  pending INTEGER NOT NULL DEFAULT 0,"
"  rate INTEGER GENERATED ALWAYS AS (CASE WHEN on_time + late > 0"
"    THEN on_time * 1000 / (on_time + late) END) STORED,"
"  PRIMARY KEY (unit_id, kind, month)"
");"
"CREATE INDEX timeliness_months_rank ON timeliness_months(kind, month,"
"  rate, unit_id);"
"CREATE TABLE timeliness_years ("
"  unit_id INTEGER NOT NULL,"
"  kind TEXT NOT NULL,"
"  year TEXT NOT NULL,"				/* YYYY */
"  on_time INTEGER NOT NULL DEFAULT 0,"
"  late INTEGER NOT NULL DEFAULT 0,"
"  pending INTEGER NOT NULL DEFAULT 0,"
"  rate INTEGER GENERATED ALWAYS AS (CASE WHEN on_time + late > 0"
"    THEN on_time * 1000 / (on_time + late) END) STORED,"
"  PRIMARY KEY (unit_id, kind, year)"
");"
"CREATE INDEX timeliness_years_rank ON timeliness_years(kind, year,"
"  rate, unit_id);"
"CREATE TABLE timeliness_warned ("
"  item_id INTEGER NOT NULL REFERENCES timeliness_items(id),"
"  due_date TEXT NOT NULL,"
"  at INTEGER NOT NULL,"
"  PRIMARY KEY (item_id, due_date)"
");"
#define TL_BUMP(R, S, TBL, KEY, KEYV) \
"  INSERT INTO " TBL " (unit_id, kind, " KEY ", on_time, late, pending)" \
"    VALUES (" R ".unit_id, " R ".kind, " KEYV "," \
"    " S "(" R ".done_on IS NOT NULL AND " R ".late = 0), " S R ".late," \
"    " S "(" R ".done_on IS NULL AND " R ".late = 0))" \
"    ON CONFLICT (unit_id, kind, " KEY ") DO UPDATE SET" \
"    on_time = on_time + excluded.on_time, late = late + excluded.late," \
"    pending = pending + excluded.pending;"
#define TL_BUMP2(R, S) \
	TL_BUMP(R, S, "timeliness_months", "month", "substr(" R ".ref_date, 1, 7)") \
	TL_BUMP(R, S, "timeliness_years", "year", "substr(" R ".ref_date, 1, 4)")
"CREATE TRIGGER timeliness_items_insert AFTER INSERT ON timeliness_items"
"  BEGIN"
TL_BUMP2("NEW", "")
"END;"
"CREATE TRIGGER timeliness_items_delete AFTER DELETE ON timeliness_items"
"  BEGIN"
TL_BUMP2("OLD", "-")
"END;"
"CREATE TRIGGER timeliness_items_update AFTER UPDATE OF unit_id, kind,"
"  ref_date, done_on, late ON timeliness_items BEGIN"
TL_BUMP2("OLD", "-")
TL_BUMP2("NEW", "")
"END;",
#undef TL_BUMP2
#undef TL_BUMP
/* 30 (issue 13, the unit's 监管 page, lib/oversight.c): the persons
 * whose records disagree or are left half-way, one row per (unit,
 * kind, person) in oversight_flags, kept by triggers in the
 * transaction of every change of employments, insurance and arrears,
 * so that each list of /jianguan is one range of an index and its
 * total a kept tally ('flag:<kind>'):
 *   tuigong-insured  参保缴费 here, no 在职 registration, one 已退工
 *   chexiao-insured  参保缴费 here, no 在职 or 已退工, one 已撤销
 *   ins-no-emp       参保缴费 here, no registration here at all
 *   emp-no-ins       在职 here, not 参保缴费 here
 *   hole             参保缴费, fewer 累计缴费月数 than months from
 *                    start_month to last_paid_month (断缴 in between)
 *   arrears          unsettled 欠费 months here (断缴 owing)
 * The 停缴 list (参保缴费 but nothing paid since a month) reads the
 * unit's paying rows by last_paid_month; a unit's 未提交 tasks are
 * read by business for the open-work table; and the deadline
 * messages remember the due date they warned of (warned_due), an
 * index holding only the open rows not yet warned of their date. */
"ALTER TABLE timeliness_items ADD COLUMN warned_due TEXT NOT NULL "
"  DEFAULT '';"
"CREATE INDEX timeliness_items_unwarned ON timeliness_items(unit_id,"
"  due_date, id) WHERE done_on IS NULL AND warned_due <> due_date;"
"CREATE INDEX insurance_unit_paid ON insurance(unit_id, last_paid_month,"
"  person_id) WHERE status = '参保缴费';"
"CREATE INDEX tasks_unit_draft ON tasks(unit_id, business, created_at)"
"  WHERE state = '未提交';"
"CREATE TABLE oversight_flags ("
"  unit_id INTEGER NOT NULL,"
"  kind TEXT NOT NULL,"
"  person_id INTEGER NOT NULL,"
"  PRIMARY KEY (unit_id, kind, person_id)"
") WITHOUT ROWID;"
"CREATE TRIGGER oversight_flags_insert AFTER INSERT ON oversight_flags"
"  BEGIN INSERT INTO tallies (unit_id, name, n)"
"  VALUES (NEW.unit_id, 'flag:' || NEW.kind, 1)"
"  ON CONFLICT (unit_id, name) DO UPDATE SET n = n + 1; END;"
"CREATE TRIGGER oversight_flags_delete AFTER DELETE ON oversight_flags"
"  BEGIN UPDATE tallies SET n = n - 1 WHERE unit_id = OLD.unit_id"
"  AND name = 'flag:' || OLD.kind; END;"
#define OV_EMP(U, P, ST) "EXISTS (SELECT 1 FROM employments e WHERE" \
	" e.person_id = " P " AND e.unit_id = " U " AND e.status = '" ST "')"
#define OV_EMP_ANY(U, P) "EXISTS (SELECT 1 FROM employments e WHERE" \
	" e.person_id = " P " AND e.unit_id = " U ")"
#define OV_INS(U, P) "EXISTS (SELECT 1 FROM insurance i WHERE" \
	" i.person_id = " P " AND i.unit_id = " U " AND i.status = '参保缴费')"
#define OV_MONTHNO(M) "(CAST(substr(" M ", 1, 4) AS INTEGER) * 12 +" \
	" CAST(substr(" M ", 6, 2) AS INTEGER))"
#define OV_HOLE(U, P) "EXISTS (SELECT 1 FROM insurance i WHERE" \
	" i.person_id = " P " AND i.unit_id = " U " AND i.status = '参保缴费'" \
	" AND COALESCE(i.last_paid_month, '') <> '' AND " \
	OV_MONTHNO("i.last_paid_month") " - " OV_MONTHNO("i.start_month") \
	" + 1 > i.contrib_months)"
#define OV_ARR(U, P) "EXISTS (SELECT 1 FROM arrears a WHERE" \
	" a.person_id = " P " AND a.unit_id = " U " AND a.settled = 0)"
#define OV_C_TG(U, P) OV_INS(U, P) " AND NOT " OV_EMP(U, P, "在职") \
	" AND " OV_EMP(U, P, "已退工")
#define OV_C_CX(U, P) OV_INS(U, P) " AND NOT " OV_EMP(U, P, "在职") \
	" AND NOT " OV_EMP(U, P, "已退工") " AND " OV_EMP(U, P, "已撤销")
#define OV_C_INE(U, P) OV_INS(U, P) " AND NOT " OV_EMP_ANY(U, P)
#define OV_C_ENI(U, P) OV_EMP(U, P, "在职") " AND NOT " OV_INS(U, P)
#define OV_FLAG(K, U, P, C) \
	"  DELETE FROM oversight_flags WHERE unit_id = " U " AND kind = '" K \
	"' AND person_id = " P " AND NOT (" C ");" \
	"  INSERT OR IGNORE INTO oversight_flags (unit_id, kind, person_id)" \
	" SELECT " U ", '" K "', " P " WHERE " C ";"
#define OV_JOB(U, P) \
	OV_FLAG("tuigong-insured", U, P, OV_C_TG(U, P)) \
	OV_FLAG("chexiao-insured", U, P, OV_C_CX(U, P)) \
	OV_FLAG("ins-no-emp", U, P, OV_C_INE(U, P)) \
	OV_FLAG("emp-no-ins", U, P, OV_C_ENI(U, P))
#define OV_PAY(U, P) OV_JOB(U, P) OV_FLAG("hole", U, P, OV_HOLE(U, P))
#define OV_BACKFILL(K, FROM, C) \
	"INSERT OR IGNORE INTO oversight_flags (unit_id, kind, person_id)" \
	" SELECT DISTINCT x.unit_id, '" K "', x.person_id FROM " FROM " x" \
	" WHERE " C ";"
OV_BACKFILL("tuigong-insured", "insurance", OV_C_TG("x.unit_id", "x.person_id"))
OV_BACKFILL("chexiao-insured", "insurance", OV_C_CX("x.unit_id", "x.person_id"))
OV_BACKFILL("ins-no-emp", "insurance", OV_C_INE("x.unit_id", "x.person_id"))
OV_BACKFILL("emp-no-ins", "employments", OV_C_ENI("x.unit_id", "x.person_id"))
OV_BACKFILL("hole", "insurance", OV_HOLE("x.unit_id", "x.person_id"))
OV_BACKFILL("arrears", "arrears", OV_ARR("x.unit_id", "x.person_id"))
"CREATE TRIGGER oversight_emp_insert AFTER INSERT ON employments BEGIN"
OV_JOB("NEW.unit_id", "NEW.person_id")
"END;"
"CREATE TRIGGER oversight_emp_delete AFTER DELETE ON employments BEGIN"
OV_JOB("OLD.unit_id", "OLD.person_id")
"END;"
"CREATE TRIGGER oversight_emp_update AFTER UPDATE OF status, unit_id,"
"  person_id ON employments BEGIN"
OV_JOB("OLD.unit_id", "OLD.person_id")
OV_JOB("NEW.unit_id", "NEW.person_id")
"END;"
"CREATE TRIGGER oversight_ins_insert AFTER INSERT ON insurance BEGIN"
OV_PAY("NEW.unit_id", "NEW.person_id")
"END;"
"CREATE TRIGGER oversight_ins_delete AFTER DELETE ON insurance BEGIN"
OV_PAY("OLD.unit_id", "OLD.person_id")
"END;"
"CREATE TRIGGER oversight_ins_update AFTER UPDATE OF status, unit_id,"
"  person_id, start_month, last_paid_month, contrib_months ON insurance"
"  BEGIN"
OV_PAY("OLD.unit_id", "OLD.person_id")
OV_PAY("NEW.unit_id", "NEW.person_id")
"END;"
"CREATE TRIGGER oversight_arrears_insert AFTER INSERT ON arrears BEGIN"
OV_FLAG("arrears", "NEW.unit_id", "NEW.person_id",
    OV_ARR("NEW.unit_id", "NEW.person_id"))
"END;"
"CREATE TRIGGER oversight_arrears_delete AFTER DELETE ON arrears BEGIN"
OV_FLAG("arrears", "OLD.unit_id", "OLD.person_id",
    OV_ARR("OLD.unit_id", "OLD.person_id"))
"END;"
"CREATE TRIGGER oversight_arrears_update AFTER UPDATE OF settled, unit_id,"
"  person_id ON arrears BEGIN"
OV_FLAG("arrears", "OLD.unit_id", "OLD.person_id",
    OV_ARR("OLD.unit_id", "OLD.person_id"))
OV_FLAG("arrears", "NEW.unit_id", "NEW.person_id",
    OV_ARR("NEW.unit_id", "NEW.person_id"))
"END;",
#undef OV_BACKFILL
#undef OV_PAY
#undef OV_JOB
#undef OV_FLAG
#undef OV_C_ENI
#undef OV_C_INE
#undef OV_C_CX
#undef OV_C_TG
#undef OV_ARR
#undef OV_HOLE
#undef OV_MONTHNO
#undef OV_INS
#undef OV_EMP_ANY
#undef OV_EMP
/* 31 (issue 13, the office's 监管 page /jiandu, lib/jiandu.c): the
 * counts of 回退 by reason, kept by triggers in the transaction of each
 * decision, so the page reads one month's rows in the order of an index
 * and never the decisions themselves.  return_reasons holds, per month
 * of the 回退 (hall time, UTC+8) and exact 回退原因, the tasks a reviewer
 * sent back whole (task.reject by a reviewer, actor_id > 0) and the
 * persons sent back by a partial decision (task_row_returns); n is
 * their sum, ranked by return_reasons_rank.  return_months holds each
 * month's totals and its number of distinct reasons (the pager's).
 * (Numbered 31 for issue 13: 29 and 30 are lib/timeliness.c's and land
 * from another branch; the lead renumbers on merge.) */
"CREATE TABLE return_reasons ("
"  month TEXT NOT NULL,"				/* YYYY-MM */
"  reason TEXT NOT NULL,"
"  tasks INTEGER NOT NULL DEFAULT 0,"		/* 整件回退 */
"  persons INTEGER NOT NULL DEFAULT 0,"		/* 部分回退, persons */
"  n INTEGER NOT NULL DEFAULT 0,"
"  PRIMARY KEY (month, reason)"
");"
"CREATE INDEX return_reasons_rank ON return_reasons(month, n, reason);"
"CREATE TABLE return_months ("
"  month TEXT PRIMARY KEY,"
"  tasks INTEGER NOT NULL DEFAULT 0,"
"  persons INTEGER NOT NULL DEFAULT 0,"
"  reasons INTEGER NOT NULL DEFAULT 0"
");"
"INSERT INTO return_reasons (month, reason, tasks, n)"
"  SELECT strftime('%Y-%m', at + 28800, 'unixepoch'), reason, COUNT(*),"
"  COUNT(*) FROM task_events WHERE action = 'task.reject' AND actor_id > 0"
"  GROUP BY 1, 2;"
"INSERT INTO return_reasons (month, reason, persons, n)"
"  SELECT strftime('%Y-%m', at + 28800, 'unixepoch'), reason, COUNT(*),"
"  COUNT(*) FROM task_row_returns WHERE 1 GROUP BY 1, 2"
"  ON CONFLICT (month, reason) DO UPDATE SET"
"  persons = persons + excluded.persons, n = n + excluded.n;"
"INSERT INTO return_months (month, tasks, persons, reasons)"
"  SELECT month, SUM(tasks), SUM(persons), COUNT(*) FROM return_reasons"
"  GROUP BY month;"
"CREATE TRIGGER return_reasons_task AFTER INSERT ON task_events"
"  WHEN NEW.action = 'task.reject' AND NEW.actor_id > 0 BEGIN"
"  INSERT INTO return_months (month, reasons)"
"    SELECT strftime('%Y-%m', NEW.at + 28800, 'unixepoch'), 1 WHERE NOT EXISTS (SELECT 1 FROM return_reasons"
"    WHERE month = strftime('%Y-%m', NEW.at + 28800, 'unixepoch') AND reason = NEW.reason)"
"    ON CONFLICT (month) DO UPDATE SET reasons = reasons + 1;"
"  INSERT INTO return_reasons (month, reason, tasks, n)"
"    VALUES (strftime('%Y-%m', NEW.at + 28800, 'unixepoch'), NEW.reason, 1, 1)"
"    ON CONFLICT (month, reason) DO UPDATE SET tasks = tasks + 1,"
"    n = n + 1;"
"  INSERT INTO return_months (month, tasks) VALUES (strftime('%Y-%m', NEW.at + 28800, 'unixepoch'), 1)"
"    ON CONFLICT (month) DO UPDATE SET tasks = tasks + 1;"
"END;"
"CREATE TRIGGER return_reasons_row AFTER INSERT ON task_row_returns BEGIN"
"  INSERT INTO return_months (month, reasons)"
"    SELECT strftime('%Y-%m', NEW.at + 28800, 'unixepoch'), 1 WHERE NOT EXISTS (SELECT 1 FROM return_reasons"
"    WHERE month = strftime('%Y-%m', NEW.at + 28800, 'unixepoch') AND reason = NEW.reason)"
"    ON CONFLICT (month) DO UPDATE SET reasons = reasons + 1;"
"  INSERT INTO return_reasons (month, reason, persons, n)"
"    VALUES (strftime('%Y-%m', NEW.at + 28800, 'unixepoch'), NEW.reason, 1, 1)"
"    ON CONFLICT (month, reason) DO UPDATE SET persons = persons + 1,"
"    n = n + 1;"
"  INSERT INTO return_months (month, persons) VALUES (strftime('%Y-%m', NEW.at + 28800, 'unixepoch'), 1)"
"    ON CONFLICT (month) DO UPDATE SET persons = persons + 1;"
"END;",
/* 32 (issue 13, 经济补偿, lib/tuigong_comp.c): the statutory 经济补偿 of
 * a 退工 row worked out (劳动合同法 Art. 47) and the amount paid, one
 * row per (task, row); the 《经济补偿金计算表》 prints it. */
"CREATE TABLE tuigong_comp ("
"  task_id INTEGER NOT NULL REFERENCES tasks(id),"
"  row_no INTEGER NOT NULL,"
"  owed INTEGER NOT NULL CHECK (owed IN (0, 1)),"
"  reason TEXT NOT NULL,"			/* 退工原因 */
"  basis TEXT NOT NULL DEFAULT '',"		/* why none is owed */
"  start TEXT NOT NULL DEFAULT '',"		/* 工作年限起算 */
"  start_entered TEXT NOT NULL DEFAULT '',"
"  end_date TEXT NOT NULL DEFAULT '',"		/* 退工日期 */
"  avg_fen INTEGER NOT NULL DEFAULT 0,"		/* 社平工资 used */
"  cap_multiple INTEGER NOT NULL DEFAULT 3,"
"  cap_years INTEGER NOT NULL DEFAULT 12,"
"  computed INTEGER NOT NULL DEFAULT 0 CHECK (computed IN (0, 1)),"
"  years INTEGER NOT NULL DEFAULT 0,"
"  months INTEGER NOT NULL DEFAULT 0,"
"  days INTEGER NOT NULL DEFAULT 0,"
"  total_months INTEGER NOT NULL DEFAULT 0,"
"  half_months INTEGER NOT NULL DEFAULT 0,"	/* N x 2 after the cap */
"  half_uncapped INTEGER NOT NULL DEFAULT 0,"
"  wage_fen INTEGER NOT NULL DEFAULT 0,"	/* 月工资 entered */
"  wage_used_fen INTEGER NOT NULL DEFAULT 0,"
"  cap_fen INTEGER NOT NULL DEFAULT 0,"
"  due_fen INTEGER NOT NULL DEFAULT 0,"		/* 法定经济补偿 */
"  wage_capped INTEGER NOT NULL DEFAULT 0,"
"  years_capped INTEGER NOT NULL DEFAULT 0,"
"  paid_fen INTEGER NOT NULL DEFAULT 0,"	/* 实付 */
"  paid_entered INTEGER NOT NULL DEFAULT 0,"
"  working TEXT NOT NULL DEFAULT '',"		/* 计算过程 */
"  note TEXT NOT NULL DEFAULT '',"
"  PRIMARY KEY (task_id, row_no)"
");",
/* 33 (issue 13, integration account): lib/ident.c.  An integration
 * account is a unit account (kind 'unit') with integration = 1: an HR
 * system of the unit, authenticated by its bound certificate alone (no
 * password: pw_hash '!' matches none, no session, no CSRF token), read-
 * only unless the operator set may_write (hall-admin integ-grant). */
"ALTER TABLE accounts ADD COLUMN integration INTEGER NOT NULL DEFAULT 0"
"  CHECK (integration IN (0, 1));"
"ALTER TABLE accounts ADD COLUMN may_write INTEGER NOT NULL DEFAULT 0"
"  CHECK (may_write IN (0, 1));",
/* 34 (issue 13, the HR systems' feed): lib/feed.c owns person_changes.
 * One row per (unit, person) whose 社保状态, 合同归属 or 离职进度 the
 * unit's feed shows; seq (AUTOINCREMENT: never reused, always above
 * every earlier one) is moved to a new, higher value whenever a fact
 * changes, by the triggers below on the tables that carry the facts
 * (insurance, employments, persons, jianyuan and tuigong rows, and the
 * state of 减员/退工 tasks; an update moves it only when it touches a
 * column the feed shows, so a 缴费基数 or a copied name does not).  The feed reads a unit's rows after a
 * cursor by person_changes_unit, a page at a time.  A moved row is
 * deleted and inserted again (not INSERT OR REPLACE, whose conflict
 * rule an outer INSERT OR IGNORE would override).  A change of the
 * person himself (name, 身份证号, …) moves only the rows of the units
 * where he is still 参保缴费 or 在职: a former employer is not told of
 * it.  The rows of the persons already known are made here, in (unit,
 * person) order. */
"CREATE TABLE person_changes ("
"  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
"  unit_id INTEGER NOT NULL,"
"  person_id INTEGER NOT NULL,"
"  UNIQUE (unit_id, person_id)"
");"
"CREATE INDEX person_changes_unit ON person_changes(unit_id, seq);"
"INSERT INTO person_changes (unit_id, person_id)"
"  SELECT unit_id, person_id FROM (SELECT unit_id, person_id FROM insurance"
"  UNION SELECT unit_id, person_id FROM employments)"
"  ORDER BY unit_id, person_id;"
"CREATE TRIGGER person_changes_ins_i AFTER INSERT ON insurance BEGIN"
"  DELETE FROM person_changes WHERE unit_id = NEW.unit_id"
"    AND person_id = NEW.person_id;"
"  INSERT INTO person_changes (unit_id, person_id)"
"    VALUES (NEW.unit_id, NEW.person_id);"
"END;"
"CREATE TRIGGER person_changes_ins_u AFTER UPDATE OF person_id, unit_id,"
"  sb_no, start_month, status, stop_month, last_paid_month, contrib_months"
"  ON insurance BEGIN"
"  DELETE FROM person_changes WHERE unit_id = NEW.unit_id"
"    AND person_id = NEW.person_id;"
"  INSERT INTO person_changes (unit_id, person_id)"
"    VALUES (NEW.unit_id, NEW.person_id);"
"END;"
"CREATE TRIGGER person_changes_ins_d AFTER DELETE ON insurance BEGIN"
"  DELETE FROM person_changes WHERE unit_id = OLD.unit_id"
"    AND person_id = OLD.person_id;"
"  INSERT INTO person_changes (unit_id, person_id)"
"    VALUES (OLD.unit_id, OLD.person_id);"
"END;"
"CREATE TRIGGER person_changes_emp_i AFTER INSERT ON employments BEGIN"
"  DELETE FROM person_changes WHERE unit_id = NEW.unit_id"
"    AND person_id = NEW.person_id;"
"  INSERT INTO person_changes (unit_id, person_id)"
"    VALUES (NEW.unit_id, NEW.person_id);"
"END;"
"CREATE TRIGGER person_changes_emp_u AFTER UPDATE OF person_id, unit_id,"
"  contract_no, reg_type, start_date, end_date, status, registered_at,"
"  ended_at ON employments BEGIN"
"  DELETE FROM person_changes WHERE unit_id = NEW.unit_id"
"    AND person_id = NEW.person_id;"
"  INSERT INTO person_changes (unit_id, person_id)"
"    VALUES (NEW.unit_id, NEW.person_id);"
"END;"
"CREATE TRIGGER person_changes_emp_d AFTER DELETE ON employments BEGIN"
"  DELETE FROM person_changes WHERE unit_id = OLD.unit_id"
"    AND person_id = OLD.person_id;"
"  INSERT INTO person_changes (unit_id, person_id)"
"    VALUES (OLD.unit_id, OLD.person_id);"
"END;"
"CREATE TRIGGER person_changes_person AFTER UPDATE OF idno, name, sex,"
"  birth ON persons BEGIN"
"  DELETE FROM person_changes WHERE person_id = NEW.id AND unit_id IN"
"    (SELECT unit_id FROM insurance WHERE person_id = NEW.id"
"       AND status = '参保缴费'"
"     UNION SELECT unit_id FROM employments WHERE person_id = NEW.id"
"       AND status = '在职');"
"  INSERT INTO person_changes (unit_id, person_id)"
"    SELECT unit_id, NEW.id FROM insurance WHERE person_id = NEW.id"
"      AND status = '参保缴费'"
"    UNION SELECT unit_id, NEW.id FROM employments WHERE person_id = NEW.id"
"      AND status = '在职';"
"END;"
"CREATE TRIGGER person_changes_jy_i AFTER INSERT ON jianyuan"
"  WHEN NEW.person_id IS NOT NULL BEGIN"
"  DELETE FROM person_changes WHERE person_id = NEW.person_id"
"    AND unit_id = (SELECT unit_id FROM tasks WHERE id = NEW.task_id);"
"  INSERT INTO person_changes (unit_id, person_id)"
"    SELECT unit_id, NEW.person_id FROM tasks WHERE id = NEW.task_id;"
"END;"
"CREATE TRIGGER person_changes_jy_u AFTER UPDATE OF task_id, person_id,"
"  reason, change_date ON jianyuan"
"  WHEN NEW.person_id IS NOT NULL BEGIN"
"  DELETE FROM person_changes WHERE person_id = NEW.person_id"
"    AND unit_id = (SELECT unit_id FROM tasks WHERE id = NEW.task_id);"
"  INSERT INTO person_changes (unit_id, person_id)"
"    SELECT unit_id, NEW.person_id FROM tasks WHERE id = NEW.task_id;"
"END;"
"CREATE TRIGGER person_changes_jy_d AFTER DELETE ON jianyuan"
"  WHEN OLD.person_id IS NOT NULL BEGIN"
"  DELETE FROM person_changes WHERE person_id = OLD.person_id"
"    AND unit_id = (SELECT unit_id FROM tasks WHERE id = OLD.task_id);"
"  INSERT INTO person_changes (unit_id, person_id)"
"    SELECT unit_id, OLD.person_id FROM tasks WHERE id = OLD.task_id;"
"END;"
"CREATE TRIGGER person_changes_tg_i AFTER INSERT ON tuigong"
"  WHEN NEW.person_id IS NOT NULL BEGIN"
"  DELETE FROM person_changes WHERE person_id = NEW.person_id"
"    AND unit_id = (SELECT unit_id FROM tasks WHERE id = NEW.task_id);"
"  INSERT INTO person_changes (unit_id, person_id)"
"    SELECT unit_id, NEW.person_id FROM tasks WHERE id = NEW.task_id;"
"END;"
"CREATE TRIGGER person_changes_tg_u AFTER UPDATE OF task_id, person_id,"
"  reason, end_date ON tuigong"
"  WHEN NEW.person_id IS NOT NULL BEGIN"
"  DELETE FROM person_changes WHERE person_id = NEW.person_id"
"    AND unit_id = (SELECT unit_id FROM tasks WHERE id = NEW.task_id);"
"  INSERT INTO person_changes (unit_id, person_id)"
"    SELECT unit_id, NEW.person_id FROM tasks WHERE id = NEW.task_id;"
"END;"
"CREATE TRIGGER person_changes_tg_d AFTER DELETE ON tuigong"
"  WHEN OLD.person_id IS NOT NULL BEGIN"
"  DELETE FROM person_changes WHERE person_id = OLD.person_id"
"    AND unit_id = (SELECT unit_id FROM tasks WHERE id = OLD.task_id);"
"  INSERT INTO person_changes (unit_id, person_id)"
"    SELECT unit_id, OLD.person_id FROM tasks WHERE id = OLD.task_id;"
"END;"
"CREATE TRIGGER person_changes_task AFTER UPDATE OF state, returned"
"  ON tasks WHEN NEW.business IN ('jianyuan', 'tuigong')"
"  AND (OLD.state <> NEW.state OR OLD.returned <> NEW.returned) BEGIN"
"  DELETE FROM person_changes WHERE unit_id = NEW.unit_id AND person_id IN"
"    (SELECT person_id FROM jianyuan WHERE task_id = NEW.id"
"     UNION SELECT person_id FROM tuigong WHERE task_id = NEW.id);"
"  INSERT INTO person_changes (unit_id, person_id)"
"    SELECT NEW.unit_id, person_id FROM"
"    (SELECT person_id FROM jianyuan WHERE task_id = NEW.id"
"       AND person_id IS NOT NULL"
"     UNION SELECT person_id FROM tuigong WHERE task_id = NEW.id"
"       AND person_id IS NOT NULL);"
"END;",
/* 35 (issue 14, signed receipts, lib/rsign.c): the signed part of a
 * receipt's QR code ("d=…&sig=…", the facts and their ECDSA signature),
 * made once when the receipt is first shown and kept, so that the same
 * receipt is the same bytes every time (an ECDSA signature is made
 * with a random nonce) and certifies the facts as they were at issue.
 * Empty until then, or when no signing key is configured.  The same for
 * a 缴费基数名册 (mingce.sig), whose facts are its totals. */
"ALTER TABLE receipts ADD COLUMN sig TEXT NOT NULL DEFAULT '';"
"ALTER TABLE mingce ADD COLUMN sig TEXT NOT NULL DEFAULT '';"
/* And pending_posts gets the index its foreign key wants: adding an
 * account (hall-admin integ-add, INSERT … SELECT) checked the kept
 * forms by a scan (make test-plans). */
"CREATE INDEX pending_posts_account ON pending_posts(account_id);",
};

const size_t store_nmigrations =
    sizeof(store_migrations) / sizeof(store_migrations[0]);
