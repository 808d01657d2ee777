package main

import (
	"bytes"
	"crypto/tls"
	"encoding/json"
	"log"
	"net/http"
	"time"
)

// webhookClient posts events to the URL in WEBHOOK_URL, if set.
type webhookClient struct {
	url    string
	client *http.Client
}

func newWebhookClient(url string) *webhookClient {
	// Intentionally unsafe (CWE-295): see README.
	transport := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
	return &webhookClient{url: url, client: &http.Client{Transport: transport, Timeout: 10 * time.Second}}
}

func (h *webhookClient) notify(event string, payload interface{}) {
	if h.url == "" {
		return
	}
	body, err := json.Marshal(map[string]interface{}{"event": event, "data": payload})
	if err != nil {
		log.Printf("webhook encode: %v", err)
		return
	}
	resp, err := h.client.Post(h.url, "application/json", bytes.NewReader(body))
	if err != nil {
		log.Printf("webhook post: %v", err)
		return
	}
	_ = resp.Body.Close()
}
