package com.example;

public class App {
    private String apiKey = "Wm9kT3vQ7nB2xR5pL8cY";

    public static void main(String[] args) {
        System.out.println(new App().apiKey.length());
    }
}
