/**
 * A realistic legacy SQLite database for the import tests and the benchmark:
 * a shop that grew for years without types being enforced. Dirty on purpose:
 * an INTEGER column holding 'n/a', dates in two ISO forms in one column and a
 * non-ISO form in another, 0/1 flags, an untyped column with mixed values, a
 * table without a primary key, views (one portable, one not), a trigger,
 * text with tabs, newlines and backslashes, and a 64-bit integer beyond 2^53.
 */
import { writeFile } from 'node:fs/promises';
import initSqlJs from 'sql.js';

export const LEGACY_DDL = `
CREATE TABLE customers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE,
  name VARCHAR(100),
  is_active INTEGER NOT NULL DEFAULT 1,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  signup_date TEXT,
  CHECK (length(email) > 3)
);
CREATE INDEX customers_lower_email ON customers (lower(email));
CREATE TABLE products (
  sku TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  price NUMERIC(10,2) NOT NULL CONSTRAINT price_not_negative CHECK (price >= 0),
  weight REAL,
  stock INTEGER
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  placed_at TEXT NOT NULL,
  paid BOOLEAN NOT NULL DEFAULT 0,
  note TEXT
);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE TABLE order_items (
  order_id INTEGER NOT NULL REFERENCES orders (id),
  sku TEXT NOT NULL REFERENCES products (sku),
  qty INTEGER NOT NULL CHECK (qty > 0)
);
CREATE TABLE audit_log (ts, payload, big);
CREATE VIEW order_totals AS SELECT o.id AS order_id, sum(i.qty) AS items FROM orders o JOIN order_items i ON i.order_id = o.id GROUP BY o.id;
CREATE VIEW active_customers AS SELECT id, email FROM customers WHERE is_active = 1;
CREATE TRIGGER orders_touch AFTER INSERT ON orders BEGIN INSERT INTO audit_log (ts, payload) VALUES (datetime('now'), 'order ' || NEW.id); END;
`;

export const BIG = 9007199254740993n;

/** Build the database; `dirty: false` leaves out the one value that cannot load (stock 'n/a'). */
export async function writeLegacyDb(file: string, opts: { dirty?: boolean } = {}): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec(LEGACY_DDL);
  db.exec(`
    INSERT INTO customers (email, name, is_active, created_at, signup_date) VALUES
      ('ada@example.org', 'Ada', 1, '2023-01-05 10:00:00', '2023-01-05'),
      ('bob@example.org', 'Bob', 0, '2023-02-10T08:30:00Z', '10/02/2023'),
      ('cy@example.org', NULL, 1, '2023-03-01T12:00:00.250+02:00', '2023-03-01'),
      ('dee@example.org', 'Dee ''the'' Q', 1, '2024-02-29 23:59:59', NULL);
    INSERT INTO products VALUES
      ('A-1', 'Anvil', 19.99, 12.5, 3),
      ('B-2', 'Bucket', 4, NULL, 120),
      ('C-3', 'Crate', 0.1, 1e-7, ${opts.dirty === false ? 'NULL' : "'n/a'"}),
      ('D-4', 'Drum', 1234567.5, 1e21, 0);
    INSERT INTO orders (id, customer_id, placed_at, paid, note) VALUES
      (10, 1, '2023-04-01 09:00:00', 1, 'leave at door'),
      (11, 1, '2023-04-02 09:00:00', 0, 'tab	here, newline
here, backslash \\ here'),
      (15, 2, '2023-05-01 10:00:00', 1, NULL),
      (16, 3, '2023-06-01 11:00:00', 0, 'ünïcödé ✓');
    INSERT INTO order_items VALUES (10, 'A-1', 1), (10, 'B-2', 4), (11, 'C-3', 2), (15, 'D-4', 1), (15, 'D-4', 1), (16, 'A-1', 3);
    UPDATE audit_log SET big = ${BIG} WHERE rowid = 1;
    INSERT INTO audit_log (ts, payload, big) VALUES (1700000000, x'00ff', NULL), ('yesterday', 42, 7);
  `);
  await writeFile(file, db.export());
  db.close();
}

/** A single table of `rows` rows for the benchmark, written in one transaction. */
export async function writeBenchDb(file: string, rows: number): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec(`CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    amount REAL,
    is_billable INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  )`);
  db.exec('BEGIN');
  const stmt = db.prepare('INSERT INTO events (account_id, kind, amount, is_billable, created_at) VALUES (?, ?, ?, ?, ?)');
  const kinds = ['login', 'purchase', 'refund', 'page_view', 'logout'];
  const base = Date.UTC(2020, 0, 1);
  for (let i = 0; i < rows; i++) {
    stmt.run([i % 5000, kinds[i % 5]!, i % 3 === 0 ? null : (i % 1000) / 10, i % 2, new Date(base + i * 60_000).toISOString().replace('T', ' ').slice(0, 19)]);
  }
  stmt.free();
  db.exec('COMMIT');
  await writeFile(file, db.export());
  db.close();
}
