package main

import (
	"encoding/json"
	"errors"
	"log"
	"net/http"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{ReadBufferSize: 1024, WriteBufferSize: 1024}

// handleNotes lists a user's shared notes (GET /notes?owner=alice) or creates
// a note for the caller (POST /notes).
func (a *app) handleNotes(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		notes, err := publicNotes(a.db, r.URL.Query().Get("owner"))
		if err != nil {
			httpError(w, http.StatusInternalServerError, err)
			return
		}
		writeJSON(w, http.StatusOK, notes)
	case http.MethodPost:
		var n Note
		if err := json.NewDecoder(r.Body).Decode(&n); err != nil {
			httpError(w, http.StatusBadRequest, err)
			return
		}
		n.Owner = currentUser(r)
		id, err := insertNote(a.db, n)
		if err != nil {
			httpError(w, http.StatusInternalServerError, err)
			return
		}
		n.ID = id
		a.hooks.notify("note.created", n)
		writeJSON(w, http.StatusCreated, n)
	default:
		httpError(w, http.StatusMethodNotAllowed, errors.New(r.Method))
	}
}

// handleSearch searches the caller's notes: GET /notes/search?q=term.
func (a *app) handleSearch(w http.ResponseWriter, r *http.Request) {
	notes, err := searchNotes(a.db, currentUser(r), r.URL.Query().Get("q"))
	if err != nil {
		httpError(w, http.StatusInternalServerError, err)
		return
	}
	writeJSON(w, http.StatusOK, notes)
}

// handleFeed streams the latest public notes over a WebSocket.
func (a *app) handleFeed(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		log.Printf("feed upgrade: %v", err)
		return
	}
	defer conn.Close()
	notes, err := recentNotes(a.db, 20)
	if err != nil {
		log.Printf("feed query: %v", err)
		return
	}
	for _, n := range notes {
		if err := conn.WriteJSON(n); err != nil {
			log.Printf("feed write: %v", err)
			return
		}
	}
}
