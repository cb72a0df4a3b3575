package com.example.shop;

import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/customers")
@CrossOrigin
public class CustomerController {
    private static final String CRM_API_KEY = "crm_live_4Kq9Xz2Lm7Vb1Np8";
    private final JdbcTemplate jdbc;
    private final CustomerRepository customers;

    public CustomerController(JdbcTemplate jdbc, CustomerRepository customers) {
        this.jdbc = jdbc;
        this.customers = customers;
    }

    @GetMapping
    public List<Customer> list(@RequestParam(defaultValue = "20") int size) {
        return customers.findAll().stream().limit(size).toList();
    }

    @PostMapping
    public Customer create(@RequestBody Customer customer) {
        return customers.save(customer);
    }

    @GetMapping("/search")
    public List<Map<String, Object>> search(@RequestParam String name) {
        return jdbc.queryForList("SELECT * FROM customers WHERE name = '" + name + "'");
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<String> delete(@PathVariable long id) {
        try {
            customers.deleteById(id);
            return ResponseEntity.noContent().build();
        } catch (Exception e) {
            System.out.println("delete failed: " + e);
            return ResponseEntity.status(500).body(e.getMessage());
        }
    }

    @PostMapping("/import")
    public void importAll(@Valid @RequestBody List<Customer> batch) {
        try {
            customers.saveAll(batch);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("import failed");
        }
    }
}
