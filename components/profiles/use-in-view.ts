"use client";

import { useEffect, useState, type RefObject } from "react";

/** Whether the element is within `margin` of the viewport; true until the first observation. */
export function useInView(ref: RefObject<Element | null>, margin: string, initial = true): boolean {
  const [inView, setInView] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(([entry]) => setInView(entry.isIntersecting), { rootMargin: margin });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, margin]);
  return inView;
}
