package main

import (
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"
	_ "github.com/lib/pq"
)

type newItem struct {
	Name     string `json:"name" binding:"required,max=100"`
	Quantity int    `json:"quantity" binding:"min=0"`
}

func main() {
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		slog.Error("open database", "err", err)
		os.Exit(1)
	}
	db.SetMaxOpenConns(20)
	db.SetConnMaxLifetime(5 * time.Minute)

	r := gin.New()
	r.POST("/v1/items", func(c *gin.Context) {
		var in newItem
		if err := c.ShouldBindJSON(&in); err != nil {
			c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
			return
		}
		if _, err := db.ExecContext(c, "INSERT INTO items (name, quantity) VALUES ($1, $2)", in.Name, in.Quantity); err != nil {
			_ = c.Error(fmt.Errorf("insert item: %w", err))
			c.JSON(http.StatusInternalServerError, gin.H{"error": "internal error"})
			return
		}
		c.Status(http.StatusCreated)
	})
	if err := r.Run(":8080"); err != nil {
		slog.Error("server stopped", "err", err)
	}
}
