/**
 * Who the demo visitors are: countries (weighted like a global e-commerce and banking site),
 * cities consistent with each country, local first and last names, and the UTC offset that
 * shifts daily activity into local daytime.
 */

export type Gender = "female" | "male" | "non-binary";

export interface Country {
  code: string;
  name: string;
  weight: number;
  /** Hours from UTC, used so visits peak in the visitor's local evening. */
  utcOffset: number;
  cities: readonly (readonly [string, number])[];
  names: NameSet;
}

interface NameSet {
  female: readonly string[];
  male: readonly string[];
  last: readonly string[];
}

const ENGLISH: NameSet = {
  female: ["Olivia", "Emma", "Ava", "Sophia", "Isabella", "Mia", "Charlotte", "Amelia", "Harper", "Grace", "Chloe", "Emily", "Lily", "Zoe", "Hannah", "Ella"],
  male: ["Liam", "Noah", "Oliver", "James", "William", "Benjamin", "Lucas", "Henry", "Jack", "Samuel", "Ethan", "Daniel", "Thomas", "Leo", "Ryan", "Owen"],
  last: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Clark", "Walker", "Wright", "Carter", "Bennett", "Hughes", "Evans", "Roy", "Martin"],
};

const GERMAN: NameSet = {
  female: ["Mia", "Emma", "Hannah", "Sophie", "Lea", "Marie", "Lena", "Anna", "Laura", "Jana"],
  male: ["Lukas", "Leon", "Finn", "Jonas", "Paul", "Felix", "Maximilian", "Elias", "Jan", "Tim"],
  last: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann"],
};

const FRENCH: NameSet = {
  female: ["Léa", "Chloé", "Manon", "Camille", "Inès", "Jade", "Louise", "Zoé", "Élise", "Sarah"],
  male: ["Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Jules", "Théo", "Raphaël", "Nathan", "Adam"],
  last: ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"],
};

const VIETNAMESE: NameSet = {
  female: ["Linh", "Trang", "Huong", "Mai", "Anh", "Ngoc", "Thao", "Lan", "Vy", "Hanh"],
  male: ["Minh", "Huy", "Duc", "Khoa", "Nam", "Tuan", "Bao", "Long", "Quang", "Phuc"],
  last: ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"],
};

const INDIAN: NameSet = {
  female: ["Aanya", "Diya", "Isha", "Priya", "Kavya", "Ananya", "Meera", "Riya", "Sneha", "Pooja"],
  male: ["Arjun", "Aarav", "Vihaan", "Rohan", "Aditya", "Karan", "Rahul", "Vikram", "Nikhil", "Sanjay"],
  last: ["Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Joshi"],
};

const BRAZILIAN: NameSet = {
  female: ["Ana", "Beatriz", "Larissa", "Juliana", "Camila", "Fernanda", "Gabriela", "Mariana", "Letícia", "Alice"],
  male: ["João", "Pedro", "Lucas", "Gabriel", "Rafael", "Mateus", "Gustavo", "Felipe", "Bruno", "Thiago"],
  last: ["Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Ferreira", "Almeida", "Ribeiro"],
};

const JAPANESE: NameSet = {
  female: ["Yui", "Aoi", "Hina", "Sakura", "Yuna", "Mei", "Rin", "Haruka", "Emi", "Nana"],
  male: ["Haruto", "Sota", "Yuto", "Riku", "Ren", "Kaito", "Takumi", "Hiroshi", "Kenji", "Daiki"],
  last: ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"],
};

export const COUNTRIES: readonly Country[] = [
  { code: "US", name: "United States", weight: 30, utcOffset: -5, names: ENGLISH, cities: [["New York", 5], ["Los Angeles", 4], ["Chicago", 3], ["Houston", 2], ["Seattle", 2], ["Austin", 2], ["Boston", 2], ["Miami", 2]] },
  { code: "GB", name: "United Kingdom", weight: 12, utcOffset: 0, names: ENGLISH, cities: [["London", 6], ["Manchester", 2], ["Birmingham", 2], ["Edinburgh", 1], ["Bristol", 1], ["Leeds", 1]] },
  { code: "CA", name: "Canada", weight: 7, utcOffset: -5, names: ENGLISH, cities: [["Toronto", 4], ["Vancouver", 3], ["Montreal", 3], ["Calgary", 1], ["Ottawa", 1]] },
  { code: "DE", name: "Germany", weight: 8, utcOffset: 1, names: GERMAN, cities: [["Berlin", 4], ["Munich", 3], ["Hamburg", 2], ["Frankfurt", 2], ["Cologne", 1]] },
  { code: "FR", name: "France", weight: 7, utcOffset: 1, names: FRENCH, cities: [["Paris", 5], ["Lyon", 2], ["Marseille", 2], ["Toulouse", 1], ["Bordeaux", 1]] },
  { code: "VN", name: "Vietnam", weight: 8, utcOffset: 7, names: VIETNAMESE, cities: [["Ho Chi Minh City", 5], ["Hanoi", 4], ["Da Nang", 2], ["Hai Phong", 1]] },
  { code: "AU", name: "Australia", weight: 6, utcOffset: 10, names: ENGLISH, cities: [["Sydney", 5], ["Melbourne", 4], ["Brisbane", 2], ["Perth", 1]] },
  { code: "IN", name: "India", weight: 10, utcOffset: 5.5, names: INDIAN, cities: [["Mumbai", 4], ["Bengaluru", 4], ["Delhi", 4], ["Hyderabad", 2], ["Chennai", 2]] },
  { code: "BR", name: "Brazil", weight: 6, utcOffset: -3, names: BRAZILIAN, cities: [["São Paulo", 5], ["Rio de Janeiro", 3], ["Belo Horizonte", 1], ["Brasília", 1]] },
  { code: "JP", name: "Japan", weight: 6, utcOffset: 9, names: JAPANESE, cities: [["Tokyo", 6], ["Osaka", 3], ["Yokohama", 2], ["Kyoto", 1]] },
];

export const COUNTRY_WEIGHTS = COUNTRIES.map((c) => [c, c.weight] as const);

export function countryByCode(code: string): Country {
  const country = COUNTRIES.find((c) => c.code === code);
  if (!country) throw new Error(`Unknown seed country "${code}"; use one of ${COUNTRIES.map((c) => c.code).join(", ")}`);
  return country;
}

/** Branch names for the bank story: one of these per city, e.g. "London Riverside". */
export const BRANCH_SUFFIXES = ["Central", "Riverside", "Market Street", "North", "Old Town", "Station Road"] as const;

/** Lower-case ASCII for e-mail local parts ("Nguyễn" → "nguyen"). */
export function asciiSlug(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}
