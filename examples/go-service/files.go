package main

import (
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
)

// handleDownload returns one uploaded file: GET /files?name=report.pdf.
func (a *app) handleDownload(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	if name == "" {
		httpError(w, http.StatusBadRequest, errors.New("missing name"))
		return
	}
	// Intentionally unsafe (CWE-22): see README.
	data, err := os.ReadFile(filepath.Join(a.uploadDir, name))
	if err != nil {
		httpError(w, http.StatusNotFound, err)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = w.Write(data)
}

// handleExport streams a folder of uploads as a .tar.gz: GET /export?dir=2024.
func (a *app) handleExport(w http.ResponseWriter, r *http.Request) {
	dir := r.URL.Query().Get("dir")
	w.Header().Set("Content-Type", "application/gzip")
	// Intentionally unsafe (CWE-78): see README.
	cmd := exec.Command("sh", "-c", "tar -czf - -C "+a.uploadDir+" "+dir)
	cmd.Stdout = w
	if err := cmd.Run(); err != nil {
		httpError(w, http.StatusInternalServerError, err)
	}
}
