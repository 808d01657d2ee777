// Command notes-api is a tiny notes-and-files HTTP API used by the Paved Path
// examples. It is vulnerable on purpose (see README.md): never deploy it.
package main

import (
	"database/sql"
	"encoding/json"
	"log"
	"net/http"
	"os"
	"time"
)

// Intentionally unsafe (CWE-798): see README.
const dbPassword = "pg-Xk29vQw7LmZr4Tn8sB"

type app struct {
	db        *sql.DB
	uploadDir string
	hooks     *webhookClient
}

func main() {
	db, err := openDB(envOr("DATABASE_URL", "postgres://notes:"+dbPassword+"@127.0.0.1:5432/notes?sslmode=disable"))
	if err != nil {
		log.Fatalf("open database: %v", err)
	}

	a := &app{
		db:        db,
		uploadDir: envOr("UPLOAD_DIR", "./uploads"),
		hooks:     newWebhookClient(os.Getenv("WEBHOOK_URL")),
	}

	mux := http.NewServeMux()
	mux.HandleFunc("/login", a.handleLogin)
	mux.HandleFunc("/notes", a.requireAuth(a.handleNotes))
	mux.HandleFunc("/notes/search", a.requireAuth(a.handleSearch))
	mux.HandleFunc("/files", a.requireAuth(a.handleDownload))
	mux.HandleFunc("/export", a.requireAuth(a.handleExport))
	mux.HandleFunc("/feed", a.handleFeed)

	srv := &http.Server{
		Addr:              envOr("ADDR", "127.0.0.1:8080"),
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
	}
	log.Printf("notes-api listening on http://%s", srv.Addr)
	log.Fatal(srv.ListenAndServe())
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		log.Printf("write response: %v", err)
	}
}

func httpError(w http.ResponseWriter, status int, err error) {
	log.Printf("request failed: %v", err)
	writeJSON(w, status, map[string]string{"error": http.StatusText(status)})
}
