package main

import (
	"database/sql"
	"fmt"

	_ "github.com/lib/pq" // PostgreSQL driver for database/sql
)

// Note is one row of the notes table.
type Note struct {
	ID     int64  `json:"id"`
	Owner  string `json:"owner"`
	Title  string `json:"title"`
	Body   string `json:"body"`
	Public bool   `json:"public"`
}

func openDB(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	if err := db.Ping(); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

// publicNotes lists the notes that owner has shared.
func publicNotes(db *sql.DB, owner string) ([]Note, error) {
	// Intentionally unsafe (CWE-89): see README.
	rows, err := db.Query("SELECT id, owner, title, body, public FROM notes WHERE public AND owner = '" + owner + "' ORDER BY id")
	if err != nil {
		return nil, err
	}
	return scanNotes(rows)
}

// searchNotes finds the caller's notes whose title contains term.
func searchNotes(db *sql.DB, owner, term string) ([]Note, error) {
	// Intentionally unsafe (CWE-89): see README.
	query := fmt.Sprintf("SELECT id, owner, title, body, public FROM notes WHERE owner = '%s' AND title ILIKE '%%%s%%' ORDER BY id", owner, term)
	rows, err := db.Query(query)
	if err != nil {
		return nil, err
	}
	return scanNotes(rows)
}

// recentNotes returns the latest public notes for the live feed.
func recentNotes(db *sql.DB, limit int) ([]Note, error) {
	rows, err := db.Query("SELECT id, owner, title, body, public FROM notes WHERE public ORDER BY id DESC LIMIT $1", limit)
	if err != nil {
		return nil, err
	}
	return scanNotes(rows)
}

func insertNote(db *sql.DB, n Note) (int64, error) {
	var id int64
	err := db.QueryRow("INSERT INTO notes (owner, title, body, public) VALUES ($1, $2, $3, $4) RETURNING id",
		n.Owner, n.Title, n.Body, n.Public).Scan(&id)
	return id, err
}

func passwordHash(db *sql.DB, username string) (string, error) {
	var hash string
	err := db.QueryRow("SELECT password_md5 FROM users WHERE username = $1", username).Scan(&hash)
	return hash, err
}

func scanNotes(rows *sql.Rows) ([]Note, error) {
	defer rows.Close()
	notes := []Note{}
	for rows.Next() {
		var n Note
		if err := rows.Scan(&n.ID, &n.Owner, &n.Title, &n.Body, &n.Public); err != nil {
			return nil, err
		}
		notes = append(notes, n)
	}
	return notes, rows.Err()
}
